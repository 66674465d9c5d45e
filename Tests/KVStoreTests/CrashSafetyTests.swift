import Foundation
import Testing

@Suite("Crash safety")
struct CrashSafetyTests {
    /// The `KVStoreCrashWriter` executable, built beside the test bundle by `swift build --build-tests`.
    static let crashWriter: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("KVStoreCrashWriter")
    }()

    @Test("every acknowledged commit survives kill -9, and no transaction is ever half there")
    func killNine() throws {
        try killRounds(write: "write", verify: "verify")
    }

    @Test("every Ready the Raft log acknowledged survives kill -9: journal appends, wraps and checkpoints")
    func raftLogKillNine() throws {
        try killRounds(write: "raft-write", verify: "raft-verify")
    }

    /// Kills the writer in `write` mode 25 times at random moments, checking after each kill
    /// with `verify` mode that every acknowledged number is stored.
    private func killRounds(write: String, verify: String) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.crashWriter.path),
            "build it first: swift build --build-tests (missing \(Self.crashWriter.path))")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SystemRandomNumberGenerator()
        var acknowledged: UInt64 = 0
        for round in 1...25 {
            // Kill after a random number of acknowledged commits, then a random moment later,
            // so that the kill lands anywhere inside the next commit.
            let commitsBeforeKill = Int.random(in: 1...60, using: &generator)
            let extraMicroseconds = UInt32.random(in: 0...3000, using: &generator)
            let child = try WriterChild(executable: Self.crashWriter, mode: write, folder: folder.path)
            var printed = try child.readNumbers(count: commitsBeforeKill)
            usleep(extraMicroseconds)
            child.killNine()
            // What it acknowledged between the last read and the kill is still in the pipe.
            printed += try child.readNumbers(count: .max)
            let lastPrinted = printed.last ?? acknowledged
            #expect(lastPrinted >= acknowledged, "round \(round): numbering went backwards")

            let verdict = try WriterChild.verify(executable: Self.crashWriter, mode: verify, folder: folder.path)
            guard verdict.hasPrefix("ok "), let stored = UInt64(verdict.dropFirst(3)) else {
                Issue.record("round \(round): \(verdict)")
                return
            }
            // Every printed number was committed; at most the one in flight may also be there.
            #expect(stored >= lastPrinted, "round \(round): acknowledged \(lastPrinted), found \(stored)")
            #expect(stored <= lastPrinted + 1, "round \(round): found \(stored) after \(lastPrinted)")
            acknowledged = stored
        }
        #expect(acknowledged >= 25)
    }
}

/// One run of the writer process, whose standard output is read line by line.
private final class WriterChild {
    private let process = Process()
    private let output = Pipe()
    private var buffered = Data()

    init(executable: URL, mode: String, folder: String) throws {
        process.executableURL = executable
        process.arguments = [mode, folder]
        process.standardOutput = output
        try process.run()
    }

    /// Reads numbers until `count` of them arrived (or the child exited).
    func readNumbers(count: Int) throws -> [UInt64] {
        var numbers: [UInt64] = []
        while numbers.count < count {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffered.append(chunk)
            while let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered.removeSubrange(buffered.startIndex...newline)
                if let number = UInt64(line) { numbers.append(number) }
            }
        }
        return numbers
    }

    func killNine() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Runs the writer in a verify mode and returns the line it printed.
    static func verify(executable: URL, mode: String, folder: String) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = executable
        process.arguments = [mode, folder]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
