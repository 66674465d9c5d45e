import Foundation

/// The platform admin's client for one region: each operation of the cluster and tenant API as a
/// typed call, sent to the region's endpoints in order until one answers.
///
/// Any node can be asked: a follower forwards writes (membership changes, leadership transfers,
/// tenant changes) to its leader and serves linearizable reads through it, so the operations need
/// no leader discovery (only `leaderStatus` looks the leader up, for what only it knows). It
/// moves on to the next endpoint only when that is certainly harmless: the node could not be
/// connected to, it answered 503 (by the API's contract, not done), or a read got no answer. A
/// write that may have arrived is never repeated.
public struct AdminClient: Sendable {
    /// Where requests go, in the order tried.
    public let endpoints: [Endpoint]
    let token: String
    let transport: any AdminTransport

    /// A client that sends `token` (a platform admin's) to `endpoints` (at least one) over
    /// `transport`.
    public init(endpoints: [Endpoint], token: String, transport: any AdminTransport) {
        precondition(!endpoints.isEmpty, "an AdminClient needs at least one endpoint")
        self.endpoints = endpoints
        self.token = token
        self.transport = transport
    }

    /// Sends a request and decodes its successful answer as `Value`; an error status is thrown as
    /// the node's problem.
    func call<Value: Decodable & Sendable>(
        _ method: AdminRequest.Method, _ path: String, body: [UInt8]? = nil, as type: Value.Type = Value.self
    ) async throws(AdminError) -> AdminReply<Value> {
        let (response, endpoint) = try await exchange(
            AdminRequest(method: method, path: path, body: body, bearerToken: token))
        guard (200..<300).contains(response.status) else { throw .refused(ServerProblem(response)) }
        do {
            let value = try JSONDecoder().decode(Value.self, from: Data(response.body))
            return AdminReply(value: value, status: response.status, body: response.body, endpoint: endpoint)
        } catch {
            throw .unexpectedAnswer(endpoint: endpoint, status: response.status, reason: "\(error)")
        }
    }

    /// `name` as one path segment: percent-encoded, so that no argument can change the route
    /// (the node refuses invalid names itself).
    static func segment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name
    }

    /// The first answer to `request` from the endpoints in order (see the type's comment for
    /// when the next one is tried), with the endpoint that gave it; `deliver` sends it to one
    /// endpoint (the transport's `send` unless given).
    func exchange(
        _ request: AdminRequest,
        deliver: ((Endpoint) async throws(TransportFailure) -> AdminResponse)? = nil
    ) async throws(AdminError) -> (AdminResponse, Endpoint) {
        var unreachable: [AdminError.UnreachableEndpoint] = []
        var unavailable: AdminResponse?
        for endpoint in endpoints {
            let response: AdminResponse
            do {
                if let deliver {
                    response = try await deliver(endpoint)
                } else {
                    response = try await transport.send(request, to: endpoint)
                }
            } catch {
                switch error {
                case .notConnected(let reason):
                    unreachable.append(.init(endpoint: endpoint, reason: reason))
                case .noAnswer(let reason) where request.method == .get:
                    unreachable.append(.init(endpoint: endpoint, reason: reason))
                case .noAnswer(let reason):
                    throw .noAnswer(endpoint: endpoint, reason: reason)
                }
                continue
            }
            guard response.status != 503 else {
                unavailable = response
                continue
            }
            return (response, endpoint)
        }
        if let unavailable { throw .refused(ServerProblem(unavailable)) }
        throw .unreachable(unreachable)
    }

    /// `body` as a JSON request body. The bodies are plain structs of strings, which encoding
    /// cannot fail on.
    static func json(_ body: some Encodable) -> [UInt8] {
        Array(try! JSONEncoder().encode(body))
    }
}
