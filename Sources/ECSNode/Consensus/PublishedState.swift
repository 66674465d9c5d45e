import Raft

/// What the shell's loop publishes after every round for other threads to read without
/// waiting for it: enough to answer `/v1/cluster/status`, to refuse a write on a follower
/// right away, and to serve a `minIndex` read that is already satisfied.
struct PublishedState: Sendable {
    var status: ClusterStatus
    var appliedIndex: UInt64 = 0
    var isLeader = false
    /// The leader's HTTP address, when a leader is known and has announced it.
    var leaderHTTPAddress: String?
}
