import Foundation
import Testing

@testable import ECSNode

/// `ecsctl token`, run as the real binary the build put beside the tests.
@Suite("ecsctl token")
struct TokenCommandTests {
    private static let executable = NodeExecutable.url.deletingLastPathComponent().appendingPathComponent("ecsctl")

    /// Runs `ecsctl` with `arguments` and `environment`; its exit status, standard output and error.
    private static func run(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
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
        return (
            process.terminationStatus, String(decoding: outputBytes, as: UTF8.self),
            String(decoding: errorBytes, as: UTF8.self)
        )
    }

    /// A secret file with a trailing newline, as editors leave it.
    private static func secretFile(_ secret: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecsctl-secret-\(UUID().uuidString)")
        try Data((secret + "\n").utf8).write(to: url)
        return url
    }

    @Test("the printed token is accepted by a node with the same secret, with the tenant and permissions asked for")
    func mintedTokenVerifies() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path), "build it: swift build --build-tests")
        let secret = try Self.secretFile("region-secret-for-ecsctl-tests")
        defer { try? FileManager.default.removeItem(at: secret) }
        let result = try Self.run([
            "token", "--secret-file", secret.path, "--tenant", "acme", "--scope", "read,ecs:write", "--subject", "ops",
            "--ttl", "2h",
        ])
        #expect(result.status == 0, "\(result.error)")
        let token = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let now = Date()
        let verifier = TokenVerifier(key: Array("region-secret-for-ecsctl-tests".utf8), now: { now })
        let identity = try await verifier.authenticate(bearerRequest(token))
        #expect(identity == Identity(subject: "ops", tenant: "acme", permissions: [.read, .write]))
        let later = TokenVerifier(key: Array("region-secret-for-ecsctl-tests".utf8), now: { now + 3 * 3600 })
        await #expect(throws: Problem.self) { try await later.authenticate(bearerRequest(token)) }
        let otherRegion = TokenVerifier(key: Array("another-secret".utf8), now: { now })
        await #expect(throws: Problem.self) { try await otherRegion.authenticate(bearerRequest(token)) }
    }

    @Test("the secret comes from $ECS_SECRET_FILE when no flag names it; the default is a platform admin")
    func secretFromEnvironment() async throws {
        let secret = try Self.secretFile("s")
        defer { try? FileManager.default.removeItem(at: secret) }
        let result = try Self.run(["token"], environment: ["ECS_SECRET_FILE": secret.path])
        #expect(result.status == 0, "\(result.error)")
        let now = Date()
        let identity = try await TokenVerifier(key: Array("s".utf8), now: { now })
            .authenticate(bearerRequest(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(identity.tenant == "*" && identity.permissions == [.read, .write, .approve, .admin])
    }

    @Test(
        "bad arguments are refused with a clear message and a usage exit status",
        arguments: [
            (["--tenant", "Not_A_Tenant"], "--tenant"), (["--scope", "read delete"], "'delete' is not a permission"),
            (["--scope", " , "], "names no permission"), (["--ttl", "10"], "--ttl"), (["--ttl", "-5h"], "--ttl"),
            (["--secret-file", "/nonexistent/secret"], "cannot read the secret file /nonexistent/secret"),
        ])
    func refusals(arguments: [String], message: String) throws {
        let secret = try Self.secretFile("s")
        defer { try? FileManager.default.removeItem(at: secret) }
        let result = try Self.run(["token"] + arguments, environment: ["ECS_SECRET_FILE": secret.path])
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.output.isEmpty)
    }
}
