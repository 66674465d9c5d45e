import Hummingbird

/// The query of `GET /v1/tenants/{t}/sets/{set}/versions?after=V&limit=N&consistency=…`.
struct VersionListQuery: Equatable, Sendable {
    static let defaultLimit = 100
    static let maximumLimit = 1000

    /// The versions after this one are listed; 0 (the default) lists from the first.
    var after: UInt64
    var limit: Int
    var consistency: ReadConsistency

    init(_ request: Request) throws(Problem) {
        var reader = QueryReader(request)
        after = reader.version("after", required: false) ?? 0
        limit = reader.count("limit", in: 1...Self.maximumLimit, default: Self.defaultLimit)
        consistency = reader.consistency()
        guard reader.violations.isEmpty else { throw reader.refusal }
    }
}

/// The query of `GET /v1/tenants/{t}/sets/{set}/diff?from=A&to=B&consistency=…`: both versions
/// are required, in either order.
struct DiffQuery: Equatable, Sendable {
    var from: UInt64
    var to: UInt64
    var consistency: ReadConsistency

    init(_ request: Request) throws(Problem) {
        var reader = QueryReader(request)
        let from = reader.version("from", required: true)
        let to = reader.version("to", required: true)
        consistency = reader.consistency()
        guard reader.violations.isEmpty, let from, let to else { throw reader.refusal }
        self.from = from
        self.to = to
    }
}
