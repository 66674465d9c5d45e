import Admin
import Synchronization

/// A transport that answers from a script, one outcome per endpoint, and records what was sent
/// where: the admin client's endpoint fallback and answer mapping, tested without a server.
final class ScriptedTransport: AdminTransport {
    private let outcomes: [String: Result<AdminResponse, TransportFailure>]
    private let sent = Mutex<[(request: AdminRequest, endpoint: String)]>([])

    /// `outcomes` by endpoint base URL; an endpoint without one refuses connections.
    init(_ outcomes: [String: Result<AdminResponse, TransportFailure>]) {
        self.outcomes = outcomes
    }

    /// Every endpoint answers `response`.
    convenience init(answering response: AdminResponse, at endpoints: [String]) {
        self.init(Dictionary(uniqueKeysWithValues: endpoints.map { ($0, .success(response)) }))
    }

    /// The requests sent so far, in order, with the endpoint each went to.
    var requests: [(request: AdminRequest, endpoint: String)] { sent.withLock { $0 } }

    func send(_ request: AdminRequest, to endpoint: Endpoint) async throws(TransportFailure) -> AdminResponse {
        sent.withLock { $0.append((request, endpoint.baseURL)) }
        return try (outcomes[endpoint.baseURL] ?? .failure(.notConnected(reason: "Connection refused"))).get()
    }
}

extension AdminResponse {
    /// A JSON answer with `status`.
    static func json(_ status: Int, _ body: String) -> AdminResponse {
        AdminResponse(status: status, contentType: "application/json", body: Array(body.utf8))
    }

    /// An `application/problem+json` answer as the node writes it.
    static func problem(_ status: Int, title: String, code: String, detail: String) -> AdminResponse {
        AdminResponse(
            status: status, contentType: "application/problem+json",
            body: Array(
                #"{"type":"urn:ecs:problem:\#(code)","title":"\#(title)","status":\#(status),"detail":"\#(detail)"}"#
                    .utf8))
    }
}
