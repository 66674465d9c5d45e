/// What one node saw of reads and HTTP-level refusals (401, 403, 429) during one window, as the
/// payload of an `audit.access` command.
///
/// Reads and refusals never reach the log one by one: a node counts them (`AccessTally`) and
/// proposes one report per window, so an anonymous client cannot turn its requests into log
/// entries one for one, and reads stay as cheap as they were.
struct AccessReport: Equatable, Sendable {
    /// The node that counted (recorded in each record's detail).
    var node: String
    var counters: [AccessCounter]
}

/// How many times one actor met one outcome on one route template of one namespace.
struct AccessCounter: Equatable, Sendable {
    /// Whether the request was served (a read) or refused before it did anything.
    enum Kind: String, Sendable {
        case read
        case denied
    }

    var namespace: Namespace
    /// The token's subject; `anonymous` when the request carried no valid token.
    var actor: String
    var kind: Kind
    /// The method and the route template, e.g. `GET /v1/tenants/{tenant}/config`; `overflow`
    /// for the counts folded together once the node's tally was full.
    var resource: String
    /// The HTTP status of the answers counted.
    var status: Int
    var count: UInt64
    /// When the first and the last of them were answered, milliseconds since 1970.
    var from: Int64
    var to: Int64

    /// The actor of requests without a valid token.
    static let anonymous = "anonymous"
    /// The actor of an overflow counter, which sums many actors.
    static let overflowActor = "*"
    /// The resource of the counts folded into one per namespace when the tally was full.
    static let overflowResource = "overflow"

    /// The audit record's outcome: `ok` for an answered read, `denied:<reason>` for a refusal
    /// (the vocabulary of refused commands), `failed:<status>` for a read answered with an error.
    var auditOutcome: String {
        switch (kind, status) {
        case (.denied, 401): "denied:unauthorized"
        case (.denied, 403): "denied:forbidden"
        case (.denied, 429): "denied:rate-limited"
        case (.denied, _): "denied:\(status)"
        case (.read, ..<400): "ok"
        case (.read, _): "failed:\(status)"
        }
    }
}

extension AccessReport: JSONRecord {
    var json: JSONValue {
        .object(["node": .string(node), "counters": .array(counters.map(\.json))])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        node = try fields.string("node")
        counters = try fields.records("counters")
    }
}

extension AccessCounter: JSONRecord {
    var json: JSONValue {
        .object([
            "namespace": .string(namespace.description), "actor": .string(actor), "kind": .string(kind.rawValue),
            "resource": .string(resource), "status": .integer(Int64(status)), "count": .count(count),
            "from": .integer(from), "to": .integer(to),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        namespace = try fields.namespace("namespace")
        actor = try fields.string("actor")
        kind = try fields.parsed("kind", as: "read or denied", Kind.init(rawValue:))
        resource = try fields.string("resource")
        let status = try fields.int64("status")
        guard (100...599).contains(status) else { throw RecordShapeError("member 'status' must be an HTTP status") }
        self.status = Int(status)
        count = try fields.count("count")
        guard count > 0 else { throw RecordShapeError("member 'count' must be at least 1") }
        from = try fields.int64("from")
        to = try fields.int64("to")
        guard from <= to else { throw RecordShapeError("member 'from' must not be after 'to'") }
    }
}
