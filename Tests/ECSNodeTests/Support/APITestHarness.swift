import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

@testable import ECSNode

/// One node's HTTP API over `LocalConsensus` and a real LMDB environment, ready for
/// `application.test(.router)` or `.live`.
struct APITestHarness {
    let state: TestStateEnvironment
    let consensus: LocalConsensus
    let nodeName: String

    init(nodeName: String = "n1", _ purpose: String = #function) throws {
        self.nodeName = nodeName
        state = try TestStateEnvironment(purpose)
        consensus = LocalConsensus(state, nodeName: nodeName)
    }

    /// What the node would hand its router; `region` and `authKey` decide the signing key too.
    func dependencies(
        region: String = "eu", authKey: [UInt8] = TestTokens.key, httpClient: HTTPClient = .shared,
        watchHeartbeat: Duration = .seconds(15)
    ) -> APIDependencies {
        APIDependencies(
            consensus: consensus, nodeName: nodeName, regions: .alone(region), authKey: authKey, httpClient: httpClient,
            now: { TestTokens.now }, forwardingTimeout: .seconds(5), watchHeartbeatInterval: watchHeartbeat)
    }

    func application(
        region: String = "eu", authKey: [UInt8] = TestTokens.key, httpClient: HTTPClient = .shared,
        watchHeartbeat: Duration = .seconds(15)
    ) -> some ApplicationProtocol {
        application(
            with: dependencies(region: region, authKey: authKey, httpClient: httpClient, watchHeartbeat: watchHeartbeat)
        )
    }

    /// The application over `dependencies` as a test changed them (limits, clocks).
    func application(with dependencies: APIDependencies) -> some ApplicationProtocol {
        Application(router: makeAPIRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// A monotonic clock that moves only when a test steps it.
final class SteppedClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func step(_ duration: Duration) {
        instant.withLock { $0 += duration }
    }
}

/// Runs `body` with a forwarding client (as a node builds it), shut down afterwards.
func withForwardingClient(_ body: (HTTPClient) async throws -> Void) async throws {
    let client = RequestRelay.makeHTTPClient()
    do {
        try await body(client)
    } catch {
        try await client.shutdown()
        throw error
    }
    try await client.shutdown()
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer `token` (the whole header value) and JSON `body`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = token }
        if body != nil { headers[.contentType] = "application/json" }
        return try await executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as JSON (fails the test when it is not).
    var json: JSONValue {
        get throws { try JSONValue.parse(body.readableBytesView) }
    }

    /// A member of a JSON object body.
    subscript(member: String) -> JSONValue? {
        guard case .object(let members)? = try? json else { return nil }
        return members[member]
    }
}

extension JSONValue {
    /// A member of an object, `nil` for anything else.
    subscript(member: String) -> JSONValue? {
        if case .object(let members) = self { members[member] } else { nil }
    }

    /// The text of a string, `nil` for anything else (a problem's `detail`, say).
    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }
}

extension JSONValue {
    /// The canonical serialization as a string, for readable expectations.
    var canonicalString: String {
        String(decoding: canonicalBytes, as: UTF8.self)
    }
}
