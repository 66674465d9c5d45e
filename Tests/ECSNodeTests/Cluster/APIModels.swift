/// The parts of the API's JSON bodies (shared/spec/API.md) that the cluster tests read.

/// The answer to a committed `PUT` or `DELETE` of an item.
struct WriteReceipt: Decodable, Sendable {
    let tenant: String
    let set: String
    let version: UInt64
    let etag: String
    /// The Raft log index that committed the write.
    let index: UInt64
}

/// `GET /v1/tenants/{t}/config`. The tests only ever store integers, which keeps values
/// comparable and unique per write.
struct ConfigDocument: Decodable, Sendable {
    let index: UInt64
    let sets: [String: SetView]

    struct SetView: Decodable, Sendable {
        let version: UInt64
        let items: [String: Int]
    }

    /// The value of `key` in `set`, or nil when absent.
    func value(_ set: String, _ key: String) -> Int? { sets[set]?.items[key] }
}

/// `GET /v1/cluster/status`.
struct ClusterStatus: Decodable, Sendable {
    let node: String
    let region: String
    let role: String
    let term: UInt64
    let leader: String?
    let commitIndex: UInt64
    let appliedIndex: UInt64
    let members: [Member]

    struct Member: Decodable, Sendable {
        let id: String
        let raftAddr: String
        let httpAddr: String?
        let role: String
        let matchIndex: UInt64?
        let healthy: Bool?
    }
}
