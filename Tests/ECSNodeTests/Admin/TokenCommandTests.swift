import Foundation
import Testing

@testable import ECSNode

/// `ecsctl token`, run as the real binary the build put beside the tests.
@Suite("ecsctl token")
struct TokenCommandTests {
    /// A secret file with a trailing newline, as editors leave it.
    private static func secretFile(_ secret: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecsctl-secret-\(UUID().uuidString)")
        try Data((secret + "\n").utf8).write(to: url)
        return url
    }

    @Test("the printed token is accepted by a node with the same secret, with the tenant and permissions asked for")
    func mintedTokenVerifies() async throws {
        try #require(ECSCtlExecutable.isBuilt, Comment(rawValue: ECSCtlExecutable.missingHint))
        let secret = try Self.secretFile("region-secret-for-ecsctl-tests")
        defer { try? FileManager.default.removeItem(at: secret) }
        let result = try ECSCtlExecutable.run([
            "token", "--secret-file", secret.path, "--tenant", "acme", "--scope", "read,ecs:write", "--subject", "ops",
            "--ttl", "2h",
        ])
        #expect(result.status == 0, "\(result)")
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
        let result = try ECSCtlExecutable.run(["token"], environment: ["ECS_SECRET_FILE": secret.path])
        #expect(result.status == 0, "\(result)")
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
        let result = try ECSCtlExecutable.run(["token"] + arguments, environment: ["ECS_SECRET_FILE": secret.path])
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result)")
        #expect(result.output.isEmpty)
    }

    @Test("exp is a whole number of seconds, rounded down, as JWT NumericDates are usually read")
    func expiryInWholeSeconds() throws {
        let secret = try Self.secretFile("s")
        defer { try? FileManager.default.removeItem(at: secret) }
        let before = Date().timeIntervalSince1970
        let result = try ECSCtlExecutable.run(["token", "--ttl", "90s"], environment: ["ECS_SECRET_FILE": secret.path])
        #expect(result.status == 0, "\(result)")
        let payload = try #require(result.output.split(separator: ".").dropFirst().first, "\(result)")
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let json = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        let exp = try #require(json.firstMatch(of: /"exp":([0-9.]+)/)?.1, "\(json)")
        #expect(!exp.contains("."), "\(json)")
        let seconds = try #require(Double(exp))
        #expect(seconds >= (before + 90).rounded(.down) && seconds <= Date().timeIntervalSince1970 + 90, "\(json)")
    }
}
