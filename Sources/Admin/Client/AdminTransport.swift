/// Carries one request to one node and brings back its whole answer.
///
/// `AdminClient` decides which node to ask and what the answer means; a transport only moves
/// bytes. The split lets the client's endpoint fallback and error mapping be tested with canned
/// answers, without a server.
public protocol AdminTransport: Sendable {
    /// Sends `request` to the node at `endpoint`. Any HTTP status is an answer; only a request
    /// that got none throws, saying whether it can have reached the node.
    func send(_ request: AdminRequest, to endpoint: Endpoint) async throws(TransportFailure) -> AdminResponse
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
