/// Everything that parameterizes one `RaftNode`. Time is measured in ticks: the Shell
/// decides how long a tick is.
public struct RaftConfig: Sendable {
    /// This replica's identity; must be non-zero.
    public var id: NodeID
    /// Base election timeout in ticks; the actual timeout is drawn uniformly from
    /// `[electionTick, 2 * electionTick)` (Raft paper §5.2, randomized timeouts).
    public var electionTick: Int = 10
    /// Ticks between leader heartbeats (§5.2); must be below `electionTick`.
    public var heartbeatTick: Int = 1
    /// Index already applied by the state machine on restart, so it is not re-delivered.
    public var applied: UInt64 = 0
    /// Upper bound, in approximate bytes, of the entries in one `append` message
    /// (thesis §10.2.1, batching); at least one entry is always sent.
    public var maxSizePerMessage: UInt64 = 1 << 20
    /// Maximum `append` messages in flight to one follower in replicate state
    /// (thesis §10.2.1, pipelining).
    public var maxInflightMessages: Int = 256
    /// Maximum bytes in flight to one follower; `.max` disables the byte limit.
    public var maxInflightBytes: UInt64 = .max
    /// Payload bytes the leader accepts into its uncommitted log before refusing
    /// proposals, bounding memory when followers are slow; empty entries are always allowed.
    public var maxUncommittedEntriesSize: UInt64 = .max
    /// Approximate bytes of committed entries handed out per `Ready`, bounding apply batches.
    public var maxCommittedSizePerReady: UInt64 = .max
    /// Leader steps down when it has not heard from a quorum within an election timeout,
    /// and followers ignore vote requests while they hear from a live leader (thesis §6.2,
    /// §9.6 "disruptive servers").
    public var checkQuorum: Bool = true
    /// Run a pre-vote round before incrementing the term (thesis §9.6).
    public var preVote: Bool = true
    /// How linearizable reads are confirmed (thesis §6.4).
    public var readOnlyOption: ReadOnlyOption = .safe
    /// Followers refuse proposals with `RaftError.notLeader(hint:)` instead of forwarding.
    public var disableProposalForwarding: Bool = false
    /// Source of randomness for election timeouts; seed it for reproducible runs.
    public var randomGenerator: any RandomNumberGenerator & Sendable
    /// Record `TraceEvent`s into `Ready.trace`.
    public var traceEnabled: Bool = false

    /// Creates a configuration with defaults; the generator is seeded with `id` so that
    /// replicas draw different timeouts unless told otherwise.
    public init(id: NodeID) {
        self.id = id
        self.randomGenerator = SeededGenerator(seed: id)
    }

    /// Rejects inconsistent settings before a node is built from them.
    public func validate() throws(RaftError) {
        guard id != 0 else { throw .invalidConfig(.zeroNodeID) }
        guard heartbeatTick > 0 else { throw .invalidConfig(.heartbeatTickNotPositive) }
        guard electionTick > heartbeatTick else {
            throw .invalidConfig(.electionTickNotGreaterThanHeartbeatTick)
        }
        guard maxInflightMessages > 0 else { throw .invalidConfig(.maxInflightMessagesNotPositive) }
        guard maxInflightBytes >= maxSizePerMessage else {
            throw .invalidConfig(.maxInflightBytesBelowMessageSize)
        }
        if readOnlyOption == .leaseBased && !checkQuorum {
            throw .invalidConfig(.leaseReadsRequireCheckQuorum)
        }
    }
}
