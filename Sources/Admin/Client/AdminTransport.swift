/// Carries one request to one node and brings back its whole answer.
///
/// `AdminClient` decides which node to ask and what the answer means; a transport only moves
/// bytes. The split lets the client's endpoint fallback and error mapping be tested with canned
/// answers, without a server.
public protocol AdminTransport: Sendable {
    /// Sends `request` to the node at `endpoint`. Any HTTP status is an answer; only a request
    /// that got none throws, saying whether it can have reached the node.
    func send(_ request: AdminRequest, to endpoint: Endpoint) async throws(TransportFailure) -> AdminResponse

    /// Like `send`, but the body of a success (2xx) answer goes to `receiver` as it arrives
    /// instead of being collected (the returned response's body is then empty): for answers too
    /// large to hold, such as a backup. Any other answer is collected as by `send`.
    func stream(
        _ request: AdminRequest, to endpoint: Endpoint, into receiver: BodyReceiver
    ) async throws(TransportFailure) -> AdminResponse
}

extension AdminTransport {
    /// Streams by collecting: the whole body goes to `receiver` in one piece. Right for
    /// transports whose answers are in memory anyway (canned answers in tests).
    public func stream(
        _ request: AdminRequest, to endpoint: Endpoint, into receiver: BodyReceiver
    ) async throws(TransportFailure) -> AdminResponse {
        var response = try await send(request, to: endpoint)
        guard (200..<300).contains(response.status) else { return response }
        receiver.start(response.body.count)
        guard receiver.append(response.body) else { throw .noAnswer(reason: BodyReceiver.stoppedReason) }
        response.body = []
        return response
    }
}

/// Where `AdminTransport.stream` puts a success answer's body.
public struct BodyReceiver: Sendable {
    /// Called when a success answer begins, with its `Content-Length` when it has one; again for
    /// each endpoint tried, so the receiver starts over.
    public var start: @Sendable (_ expectedLength: Int?) -> Void
    /// Called with each piece of the body in order; returning false stops the transfer (the
    /// receiver could not keep it), which ends the request as `.noAnswer`.
    public var append: @Sendable (_ bytes: [UInt8]) -> Bool

    public init(start: @escaping @Sendable (Int?) -> Void, append: @escaping @Sendable ([UInt8]) -> Bool) {
        self.start = start
        self.append = append
    }

    /// The `.noAnswer` reason of a transfer the receiver stopped.
    static let stoppedReason = "the answer could not be stored"
}

/// One request of the admin API.
public struct AdminRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET"
        case put = "PUT"
        case post = "POST"
        case delete = "DELETE"
    }

    public var method: Method
    /// The path and query, starting with `/`.
    public var path: String
    /// A JSON body, when the request has one.
    public var body: [UInt8]?
    /// Sent as `Authorization: Bearer <token>`.
    public var bearerToken: String

    public init(method: Method, path: String, body: [UInt8]? = nil, bearerToken: String) {
        self.method = method
        self.path = path
        self.body = body
        self.bearerToken = bearerToken
    }
}

/// A node's answer: its status, its `Content-Type` and its whole body.
public struct AdminResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String? = nil, body: [UInt8] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// Why a request got no answer. The difference matters for writes: one that never reached a node
/// can be sent to the next, one that may have arrived must not be repeated blindly.
public enum TransportFailure: Error, Equatable {
    /// No connection was made (refused, unreachable, connect timeout): nothing was sent.
    case notConnected(reason: String)
    /// The connection was made but no complete answer came back: the request may have arrived.
    case noAnswer(reason: String)
}
