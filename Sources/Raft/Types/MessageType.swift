/// The kinds of messages replicas exchange. Local events (ticks, persistence
/// acknowledgements, unreachable reports) are method calls on `RaftNode`, not messages.
public enum MessageType: UInt8, Sendable, Hashable, CaseIterable {
    /// AppendEntries RPC (Raft paper §5.3); also carries the commit index.
    case append = 0
    /// Reply to `append`; a rejection carries a conflict hint (§5.3, "fast back-tracking").
    case appendResponse = 1
    /// RequestVote RPC (§5.2).
    case requestVote = 2
    /// Reply to `requestVote`.
    case requestVoteResponse = 3
    /// Pre-vote round that does not increase anyone's term (thesis §9.6).
    case requestPreVote = 4
    /// Reply to `requestPreVote`; carries the term the candidate would campaign at.
    case requestPreVoteResponse = 5
    /// Leader liveness and commit propagation without entries (§5.2).
    case heartbeat = 6
    /// Reply to `heartbeat`; echoes the read-index context (thesis §6.4).
    case heartbeatResponse = 7
    /// InstallSnapshot RPC (§7).
    case snapshot = 8
    /// A follower forwarding a linearizable read request to the leader (thesis §6.4).
    case readIndex = 9
    /// The leader's answer to a forwarded `readIndex`.
    case readIndexResponse = 10
    /// Tells the transferee to campaign at once (thesis §3.10, leadership transfer).
    case timeoutNow = 11
    /// A request to transfer leadership; `from` names the transferee (not the sender),
    /// following etcd, so that a follower can forward the request unchanged.
    case transferLeader = 12
    /// A client proposal forwarded by a follower to the leader (thesis §6.2).
    case propose = 13

    /// Responses are only meaningful from peers the receiver tracks.
    var isResponse: Bool {
        switch self {
        case .appendResponse, .requestVoteResponse, .requestPreVoteResponse, .heartbeatResponse,
            .readIndexResponse:
            true
        case .append, .requestVote, .requestPreVote, .heartbeat, .snapshot, .readIndex, .timeoutNow,
            .transferLeader, .propose:
            false
        }
    }
}
