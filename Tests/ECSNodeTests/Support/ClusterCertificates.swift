import Foundation

/// Certificates for the tests of TLS, made by `cluster/certs` (the script operators use) into
/// `folder`: `ca.pem` and `NAME.pem`/`NAME.key` per node name.
enum ClusterCertificates {
    /// Runs the script; a failure is an error that says what it printed.
    static func make(in folder: String, names: [String]) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cluster/certs")
        let process = Process()
        process.executableURL = script
        process.arguments = [folder] + names
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailed(output: String(decoding: printed, as: UTF8.self))
        }
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "cluster/certs failed: \(output)" }
    }
}
