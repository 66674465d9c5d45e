import Hummingbird
import PeerTransport

/// `POST /v1/cluster/isolate` `{"seconds": N}` (platform admin): cuts the node that receives it
/// off its peers for N seconds (1–300), the "down" of a failover drill that an operator can
/// cause from another machine; `{"seconds": 0}` ends it early. Not forwarded: it is about the
/// node asked, leader or not. Answers 200 `{"node", "isolated", "seconds"}`.
///
/// While isolated the node drops all Raft traffic (`PeerIsolation`) and answers other client
/// requests 503 (`IsolationMiddleware`); it rejoins by itself when the time is up.
extension APIServices {
    func isolate(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let seconds = try Self.isolationSeconds(RequestParsing.jsonValue(body))
        dependencies.isolation.begin(for: .seconds(seconds))
        return JSONBody.response(
            status: .ok,
            body: [
                "node": .string(dependencies.nodeName), "isolated": .bool(seconds > 0), "seconds": .integer(seconds),
            ],
            headers: nodeHeaders)
    }

    /// The `seconds` of an isolate body: a whole number from 0 to `PeerIsolation.longest`.
    private static func isolationSeconds(_ json: JSONValue) throws(Problem) -> Int64 {
        let members = try JSONObjectBody.object(json, allowed: ["seconds"])
        let longest = PeerIsolation.longest.components.seconds
        switch members["seconds"] {
        case .integer(let seconds)? where (0...longest).contains(seconds):
            return seconds
        case nil, .null?:
            throw JSONObjectBody.invalid("seconds", code: "required", "seconds is required")
        default:
            throw JSONObjectBody.invalid(
                "seconds", code: "out-of-range", "seconds must be a whole number from 0 (end it) to \(longest)")
        }
    }
}
