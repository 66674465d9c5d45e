import Admin
import Foundation
import Testing

@testable import ECSNode

/// Where `ecsctl` finds endpoints and a token: flags, then the environment, then the files
/// `cluster/up` writes, then (for the token) minting one from the secret.
@Suite("Admin connection discovery")
struct ConnectionDiscoveryTests {
    /// A home folder like `cluster/up`'s, holding `files` (name → contents); removed by the caller.
    static func home(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, contents) in files {
            try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test(
        "endpoints are written as URLs or host:port; a trailing slash is dropped",
        arguments: [
            ("127.0.0.1:8081", "http://127.0.0.1:8081"), ("http://node-1:8081/", "http://node-1:8081"),
            (" https://ecs.example.com ", "https://ecs.example.com"), ("http://[::1]:8081", "http://[::1]:8081"),
        ])
    func endpointParsing(text: String, baseURL: String) throws {
        #expect(try Endpoint(parsing: text).baseURL == baseURL)
    }

    @Test(
        "anything else is refused with the text given",
        arguments: [
            "", "ftp://node:21", "http://node:8081/v1", "http://node:8081?x=1", "http://user@node:8081", "http://",
        ])
    func endpointRefusals(text: String) {
        let error = #expect(throws: Endpoint.Invalid.self) { try Endpoint(parsing: text) }
        #expect(error?.text == text)
    }

    @Test("flags win over $ECS_ENDPOINT, which wins over the endpoints file; lists split at commas")
    func endpointOrder() throws {
        let folder = try Self.home(["endpoints": "# the local region\nhttp://127.0.0.1:8081\n\n127.0.0.1:8082  # n2\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let discovery = ConnectionDiscovery(environment: [
            "ECS_HOME": folder.path, "ECS_ENDPOINT": "http://10.0.0.1:8081, http://10.0.0.2:8081",
        ])
        #expect(
            try discovery.endpoints(given: ["a:1,b:2", "c:3"]).map(\.baseURL) == [
                "http://a:1", "http://b:2", "http://c:3",
            ])
        #expect(try discovery.endpoints(given: []).map(\.baseURL) == ["http://10.0.0.1:8081", "http://10.0.0.2:8081"])
        let fromFile = ConnectionDiscovery(environment: ["ECS_HOME": folder.path, "ECS_ENDPOINT": " "])
        #expect(try fromFile.endpoints(given: []).map(\.baseURL) == ["http://127.0.0.1:8081", "http://127.0.0.1:8082"])
    }

    @Test("a bad endpoint names where it came from; no endpoint at all says where to put one")
    func endpointProblems() throws {
        let folder = try Self.home(["endpoints": "http://127.0.0.1:8081\nnot a url\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let discovery = ConnectionDiscovery(environment: ["ECS_HOME": folder.path])
        let flagProblem = #expect(throws: ConnectionDiscovery.Problem.self) { try discovery.endpoints(given: [" , "]) }
        #expect(flagProblem?.description.hasPrefix("--endpoint: ' , ' is not a node's HTTP address") == true)
        let fileProblem = #expect(throws: ConnectionDiscovery.Problem.self) { try discovery.endpoints(given: []) }
        #expect(
            fileProblem?.description.hasPrefix("\(folder.path)/endpoints:2: 'not a url'") == true, "\(fileProblem!)")
        let nowhere = ConnectionDiscovery(environment: ["ECS_HOME": "/nonexistent"])
        #expect(throws: ConnectionDiscovery.Problem.noEndpoint(endpointsFile: "/nonexistent/endpoints")) {
            try nowhere.endpoints(given: [])
        }
        #expect(ConnectionDiscovery(environment: [:]).home == ".ecs")
    }

    @Test("the token comes from the flag, then $ECS_TOKEN, then the home folder's token file")
    func tokenOrder() async throws {
        let folder = try Self.home(["token": "from-file\n", "secret": "s"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let discovery = ConnectionDiscovery(environment: ["ECS_HOME": folder.path, "ECS_TOKEN": "from-environment"])
        #expect(try await discovery.token(given: "from-flag") == "from-flag")
        #expect(try await discovery.token(given: nil) == "from-environment")
        #expect(try await ConnectionDiscovery(environment: ["ECS_HOME": folder.path]).token(given: nil) == "from-file")
    }

    @Test("without a token anywhere, a short-lived platform admin token is minted from the secret")
    func mintedToken() async throws {
        let folder = try Self.home(["secret": "the-region-secret\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = try await ConnectionDiscovery(environment: ["ECS_HOME": folder.path]).token(given: nil)
        let now = Date()
        let identity = try await TokenVerifier(key: Array("the-region-secret".utf8), now: { now })
            .authenticate(bearerRequest(token))
        #expect(identity == Identity(subject: "ecsctl", tenant: "*", permissions: [.admin]))
        let later = now + ConnectionDiscovery.mintedTokenLifetime + 1
        await #expect(throws: Problem.self) {
            try await TokenVerifier(key: Array("the-region-secret".utf8), now: { later }).authenticate(
                bearerRequest(token))
        }
    }

    @Test("$ECS_SECRET_FILE names the secret; without token or secret the problem says where it looked")
    func secretFileAndNoToken() async throws {
        let folder = try Self.home([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let discovery = ConnectionDiscovery(environment: ["ECS_HOME": folder.path])
        #expect(discovery.secretFile == folder.path + "/secret")
        #expect(
            ConnectionDiscovery(environment: ["ECS_SECRET_FILE": "/etc/ecs/secret"]).secretFile == "/etc/ecs/secret")
        let problem = await #expect(throws: ConnectionDiscovery.Problem.self) { try await discovery.token(given: nil) }
        #expect(
            problem == .noToken(tokenFile: folder.path + "/token", secret: .unreadable(path: folder.path + "/secret")))
    }
}
