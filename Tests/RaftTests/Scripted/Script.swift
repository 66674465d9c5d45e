import Foundation

/// One scripted interaction file: commands, each followed by the output it must produce.
///
/// The format follows etcd-io/raft's data-driven tests: a command line, `----`, the expected
/// output, and a blank line before the next command. Lines starting with `#` are comments.
/// Arguments are words: `3`, `key=value` or `key=(a,b,c)`.
struct Script {
    struct Command {
        var line: Int
        var name: String
        var positional: [String]
        var named: [String: String]
        var expected: String
        /// The command as written, so that a rewrite reproduces the file.
        var text: String
    }

    var commands: [Command]
    /// Comment lines before each command, kept for rewriting.
    var leadingComments: [[String]]

    init(parsing source: String, file: String) throws {
        commands = []
        leadingComments = []
        var comments: [String] = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var position = 0
        while position < lines.count {
            let line = lines[position]
            if line.hasPrefix("#") {
                comments.append(line)
                position += 1
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                position += 1
                continue
            }
            let commandLine = position + 1
            guard position + 1 < lines.count, lines[position + 1] == "----" else {
                throw ScriptError("\(file):\(commandLine): expected ---- after the command")
            }
            var output: [String] = []
            position += 2
            while position < lines.count, !lines[position].isEmpty {
                output.append(lines[position])
                position += 1
            }
            var command = try Self.parseCommand(line, line: commandLine, file: file)
            command.expected = output.joined(separator: "\n")
            commands.append(command)
            leadingComments.append(comments)
            comments = []
        }
    }

    /// The file with every command's output replaced by `outputs` (rewrite mode).
    func rendered(withOutputs outputs: [String]) -> String {
        zip(zip(commands, leadingComments), outputs).map { pair, output in
            let (command, comments) = pair
            return (comments + [command.text, "----", output]).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    private static func parseCommand(_ text: String, line: Int, file: String) throws -> Command {
        var words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { throw ScriptError("\(file):\(line): empty command") }
        let name = words.removeFirst()
        var positional: [String] = []
        var named: [String: String] = [:]
        for word in words {
            if let equals = word.firstIndex(of: "=") {
                named[String(word[..<equals])] = String(word[word.index(after: equals)...])
            } else {
                positional.append(word)
            }
        }
        return Command(line: line, name: name, positional: positional, named: named, expected: "", text: text)
    }
}

/// A malformed script or a command used wrongly.
struct ScriptError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Script.Command {
    /// The positional argument at `position` as a node id.
    func nodeID(_ position: Int = 0) throws -> UInt64 {
        guard position < positional.count, let id = UInt64(positional[position]) else {
            throw ScriptError("line \(line): \(name) needs a node id as argument \(position + 1)")
        }
        return id
    }

    /// A named list argument such as `voters=(1,2,3)`.
    func idList(_ key: String) throws -> [UInt64] {
        guard let raw = named[key] else { return [] }
        let inner = raw.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        guard !inner.isEmpty else { return [] }
        return try inner.split(separator: ",").map {
            guard let id = UInt64($0) else { throw ScriptError("line \(line): \(key) holds a non-number '\($0)'") }
            return id
        }
    }

    func flag(_ key: String, default value: Bool) throws -> Bool {
        guard let raw = named[key] else { return value }
        guard let parsed = Bool(raw) else { throw ScriptError("line \(line): \(key) must be true or false") }
        return parsed
    }
}
