import Foundation
import Testing

/// Replays the scripted interactions in `Tests/RaftTests/testdata/*.txt`.
///
/// Each file is a conversation with a small cluster (see `Script` for the format). To accept
/// new output after an intended change, run with `RAFT_REWRITE=1` and review the diff:
/// `RAFT_REWRITE=1 swift test --filter ScriptedInteractionTests`.
@Suite("Scripted interactions")
struct ScriptedInteractionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testdata")

    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()

    @Test("the scripts are there")
    func scriptsExist() {
        #expect(Self.files.count >= 7, "found \(Self.files) in \(Self.folder.path)")
    }

    @Test("scripted interaction", arguments: files)
    func replay(_ file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        let script = try Script(parsing: String(contentsOf: url, encoding: .utf8), file: file)
        let environment = InteractionEnvironment()
        var outputs: [String] = []
        for command in script.commands {
            let output = try environment.run(command)
            outputs.append(output)
            if ProcessInfo.processInfo.environment["RAFT_REWRITE"] == nil {
                #expect(output == command.expected, "\(file):\(command.line) \(command.text)")
            }
        }
        if ProcessInfo.processInfo.environment["RAFT_REWRITE"] != nil {
            try script.rendered(withOutputs: outputs).write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
