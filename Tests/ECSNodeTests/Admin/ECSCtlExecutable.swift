import Foundation

/// The real `ecsctl` binary, which `swift build --build-tests` puts beside `ecs-node`: the tests
/// run it as an operator would and read its exit status, standard output and standard error.
enum ECSCtlExecutable {
    static let url = NodeExecutable.url.deletingLastPathComponent().appendingPathComponent("ecsctl")

    /// Whether it was built; the tests `#require` it with a hint rather than fail obscurely.
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    static let missingHint = "build it first: swift build --build-tests (missing \(url.path))"

    /// How one run ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var output: String
        var error: String

        var description: String { "exit \(status)\nstdout:\n\(output)\nstderr:\n\(error)" }
    }

    /// Runs `ecsctl` with `arguments` and exactly `environment` (nothing inherited, so an
    /// operator's own `ECS_*` variables cannot leak into a test).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        let errorBytes = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: outputBytes, as: UTF8.self),
            error: String(decoding: errorBytes, as: UTF8.self))
    }
}
