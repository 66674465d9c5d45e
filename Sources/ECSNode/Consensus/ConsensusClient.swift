import KVStore

/// What the HTTP layer needs from the replicated log, and nothing more: propose a command and
/// learn its outcome, wait for reads to be safe, and see the cluster. The Raft shell implements
/// it for a real node; tests implement it over a single LMDB environment.
///
/// Every method is safe to call from any task; none holds an LMDB transaction across a suspension.
protocol ConsensusClient: Sendable {
    /// Replicates `command` (the encoded bytes of a domain `Command`) and returns once this node has
    /// applied it: the state machine's answer and the Raft log index that committed it.
    ///
    /// Throws `ConsensusError.notLeader` on a follower (the caller forwards the request),
    /// `.unavailable` when the command was certainly not applied (503), `.outcomeUnknown` when it
    /// was proposed but the outcome could not be learned (504; the client retries with its
    /// idempotency key).
    func propose(_ command: [UInt8]) async throws(ConsensusError) -> AppliedCommand

    /// Proposes `commands` in this order (each may still fail on its own) and returns each one's
    /// result, in order. The federation puller replays another region's commands through it.
    func propose(inOrder commands: [[UInt8]]) async -> [Result<AppliedCommand, ConsensusError>]

    /// Waits until this node's applied state reflects every write acknowledged by the cluster
    /// before the call began (Raft ReadIndex, thesis §6.4), then returns the applied index that
    /// the caller's read transaction will at least see.
    func linearizableReadBarrier() async throws(ConsensusError) -> UInt64

    /// Waits until this node has applied `index` (read-your-writes on any node), at most `timeout`.
    /// Throws `.unavailable` on timeout.
    func waitUntilApplied(_ index: UInt64, timeout: Duration) async throws(ConsensusError) -> UInt64

    /// The state every read runs against. Reads must go through it (never keep a transaction or
    /// a database handle), because installing a snapshot replaces the environment underneath.
    var stateStore: StateStore { get }

    /// Role, term, leader, indexes and members, for `/v1/cluster/status` and `/readyz`.
    func status() -> ClusterStatus

    /// Adds, promotes or removes a member of this region through a configuration change in the
    /// log (one member at a time); returns the index that committed it. Leader only
    /// (`.notLeader` otherwise); `.rejected` when the change makes no sense for the current
    /// membership (unknown member, already a voter, removing the last voter…).
    func changeMembership(_ change: MembershipChange) async throws(ConsensusError) -> UInt64

    /// Hands leadership to `node` (by name), or to the most caught-up voter when nil; returns
    /// once that node leads. Leader only.
    func transferLeadership(to node: String?) async throws(ConsensusError) -> String
}

extension ConsensusClient {
    /// One proposal at a time, each after the previous one's result: in order on any client.
    func propose(inOrder commands: [[UInt8]]) async -> [Result<AppliedCommand, ConsensusError>] {
        var results: [Result<AppliedCommand, ConsensusError>] = []
        for command in commands {
            do throws(ConsensusError) {
                results.append(.success(try await propose(command)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}

extension ClusterStatus {
    /// The voter a leadership transfer hands over to: `node` when it is another voter, otherwise
    /// the most caught-up healthy voter.
    func transferTarget(named node: String?) throws(ConsensusError) -> String {
        let voters = members.filter { $0.role == "voter" && $0.id != self.node }
        if let node {
            guard voters.contains(where: { $0.id == node }) else {
                throw .rejected(reason: "\(node) is not another voting member of this region")
            }
            return node
        }
        guard let best = voters.filter(\.healthy).max(by: { $0.matchIndex < $1.matchIndex }) else {
            throw .unavailable(reason: "no other healthy voter to hand leadership to")
        }
        return best.id
    }
}

/// A change of a region's membership, as `/v1/cluster/members` asks for it.
enum MembershipChange: Sendable, Equatable {
    /// A new member with its addresses; as a learner (non-voting, catches up first) or a voter.
    case add(MemberRecord, learner: Bool)
    /// A learner becomes a voter.
    case promote(name: String)
    /// A member leaves (a voter or a learner).
    case remove(name: String)
}

/// A command that this node has applied.
struct AppliedCommand: Sendable {
    /// The state machine's answer, handed over as a value: the proposer runs in this process, so
    /// nothing needs encoding (followers, which have no proposer, never encode it either).
    var outcome: CommandOutcome
    /// The Raft log index of the entry that carried the command.
    var index: UInt64
}

/// Why a proposal or a read barrier did not succeed.
enum ConsensusError: Error, Sendable, Equatable {
    /// This node is not the leader; `leaderHTTPAddress` is where the leader serves HTTP, when known.
    case notLeader(leaderHTTPAddress: String?)
    /// Certainly not applied (no leader, no quorum, shutting down, `minIndex` not reached in time).
    case unavailable(reason: String)
    /// Proposed, but leadership or the node's state changed before the outcome was known.
    case outcomeUnknown(reason: String)
    /// The request does not fit the cluster's current state (a membership change for an unknown
    /// member, say): the client's mistake, answered 409 (404 for an unknown member).
    case rejected(reason: String)
}

/// A point-in-time view of this node and its region for `/v1/cluster/status`.
struct ClusterStatus: Sendable, Codable, Equatable {
    struct Member: Sendable, Codable, Equatable {
        var id: String
        var raftAddr: String
        var httpAddr: String
        /// "voter" or "learner".
        var role: String
        var matchIndex: UInt64
        var healthy: Bool
    }
    var node: String
    var region: String
    /// "leader", "follower", "candidate" or "learner".
    var role: String
    var term: UInt64
    /// The leader's node id, when known.
    var leader: String?
    var commitIndex: UInt64
    var appliedIndex: UInt64
    var members: [Member]
}
