import Foundation
import Testing

/// One run of `ecs-node` that is expected to refuse to start: how it ended and what it printed
/// on standard error. A node that does not refuse is killed after the timeout, so a missing
/// refusal fails the test instead of hanging it.
struct StartupAttempt {
    let arguments: [String]
    let termination: Termination?
    let errorOutput: String

    static func run(
        _ arguments: [String], scratch folder: URL, timeout: Duration = .seconds(20)
    ) async throws
        -> StartupAttempt
    {
        let errorFile = folder.appendingPathComponent("refusal-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errors = try FileHandle(forWritingTo: errorFile)
        let process = try NodeProcess(
            executable: NodeExecutable.url, arguments: arguments, output: .nullDevice, errors: errors)
        let termination = await process.waitForExit(timeout: timeout)
        if termination == nil {
            process.send(SIGKILL)
            _ = await process.waitForExit(timeout: .seconds(10))
        }
        let output = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return StartupAttempt(arguments: arguments, termination: termination, errorOutput: output)
    }

    /// Expects exit status 1 and the reason as the one line `ecs-node: <reason>` that ends
    /// standard error (the node's log lines, which start with a timestamp, may precede it).
    func expectRefused(sourceLocation: SourceLocation = #_sourceLocation) {
        let context = "ecs-node \(arguments.joined(separator: " "))\nstderr:\n\(errorOutput)"
        #expect(
            termination == .exited(1),
            "ended with \(termination?.description ?? "nothing (still running)")\n\(context)",
            sourceLocation: sourceLocation)
        let lines = errorOutput.split(separator: "\n", omittingEmptySubsequences: true)
        let reasons = lines.filter { $0.hasPrefix("ecs-node: ") }
        #expect(
            reasons.count == 1 && lines.last == reasons.first,
            "expected one closing line 'ecs-node: <reason>'\n\(context)",
            sourceLocation: sourceLocation)
    }
}

extension [String] {
    /// The command line with `flag`'s value replaced, or the flag appended when it is absent.
    func setting(_ flag: String, to value: String) -> [String] {
        guard let position = firstIndex(of: flag) else { return self + [flag, value] }
        var arguments = self
        arguments[position + 1] = value
        return arguments
    }

    /// The command line without `flag` and its value.
    func removing(_ flag: String) -> [String] {
        guard let position = firstIndex(of: flag) else { return self }
        var arguments = self
        arguments.removeSubrange(position...position + 1)
        return arguments
    }
}
