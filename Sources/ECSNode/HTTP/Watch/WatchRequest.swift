import HTTPTypes
import Hummingbird

/// The query and headers of `GET /v1/tenants/{t}/watch?sets=a,b`, validated before the stream
/// starts, so every mistake is a 400 problem rather than a broken stream.
struct WatchRequest: Equatable, Sendable {
    var filter: WatchFilter
    /// The `Last-Event-ID` of a reconnecting client: the index of the last event it received.
    /// `nil` for a new watch, which starts at this node's applied index (only new events).
    var lastEventID: UInt64?

    init(_ request: Request, tenant: String) throws(Problem) {
        var sets: Set<String>?
        if let text = request.uri.queryParameters.get("sets") {
            guard let names = RequestParsing.setNames(text) else {
                throw .badRequest(
                    "the query parameters are invalid",
                    violations: [
                        Violation(
                            code: "invalid-parameter", path: "sets",
                            message: "sets is a comma-separated list of set names")
                    ])
            }
            sets = Set(names)
        }
        filter = WatchFilter(tenant: tenant, sets: sets)
        lastEventID = try Self.lastEventID(request)
    }

    /// The header as an index. An empty value counts as absent: that is what an `EventSource`
    /// holds before its first event, and browsers never send it. Indexes are limited to the
    /// `Int64` range, like every index in the API's JSON, which also keeps `index + 1` exact.
    private static func lastEventID(_ request: Request) throws(Problem) -> UInt64? {
        guard let text = request.headers[.lastEventID], !text.isEmpty else { return nil }
        guard let index = Int64(text).flatMap({ UInt64(exactly: $0) }) else {
            throw .badRequest(
                "Last-Event-ID must be the id of an event of this watch (a log index)",
                violations: [
                    Violation(
                        code: "invalid-header", path: "Last-Event-ID",
                        message: "'\(text)' is not a log index")
                ])
        }
        return index
    }
}

extension HTTPField.Name {
    /// Sent by a reconnecting SSE client: the `id` of the last event it received.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
