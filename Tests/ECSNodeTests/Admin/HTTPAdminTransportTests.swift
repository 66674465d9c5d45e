import Admin
import Testing

/// The HTTP transport's one judgement: a refused connection is "not connected" (safe to send
/// elsewhere), reported in a few words.
@Suite("Admin HTTP transport")
struct HTTPAdminTransportTests {
    @Test("a port nobody listens on is not connected, with the system's reason")
    func refusedConnection() async throws {
        let port = try LoopbackPorts.pick(1)[0]
        let endpoint = try Endpoint(parsing: "127.0.0.1:\(port)")
        let failure = try await HTTPAdminTransport.withTransport { transport in
            await #expect(throws: TransportFailure.self) {
                try await transport.send(AdminRequest(method: .get, path: "/healthz", bearerToken: "t"), to: endpoint)
            }
        }
        #expect(failure == .notConnected(reason: "Connection refused"))
    }
}
