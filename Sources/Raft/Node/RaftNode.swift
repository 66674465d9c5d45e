/// One Raft replica: the pure state machine (the "Instance") that the Shell drives with
/// ticks, messages and proposals and drains through `ready()` / `advance(_:)`.
/// See `Raft.swift` for the Instance/Shell vocabulary and the Ready contract.
///
/// A class rather than a struct because a replica has identity: it is bound to one
/// `Storage` that the Shell writes to concurrently with the node reading it, so a copy
/// would silently share (and corrupt) the log of the original. It is deliberately not
/// `Sendable`: confine it to one isolation domain, such as the Shell's actor.
public final class RaftNode {
    /// This replica's identity.
    public let id: NodeID
    let config: RaftConfig
    var randomGenerator: any RandomNumberGenerator & Sendable

    // MARK: Persistent state (Raft paper Figure 2)

    var term: UInt64 = 0
    var vote: NodeID?
    var log: RaftLog

    // MARK: Volatile state

    var role: Role = .follower
    var leader: NodeID?
    var tracker: ProgressTracker
    var electionElapsed = 0
    var heartbeatElapsed = 0
    var randomizedElectionTimeout = 0
    /// Target of an ongoing leadership transfer (thesis §3.10).
    var leadTransferee: NodeID?
    /// Log index of the latest configuration change proposed by this leader; a new one is
    /// refused until it is applied (thesis §4.1).
    var pendingConfIndex: UInt64 = 0
    /// Payload bytes appended by this leader and not yet applied.
    var uncommittedSize: UInt64 = 0
    var readIndexQueue = ReadIndexQueue()
    /// Ticks since this instance started: the clock of the leader lease (thesis §6.4.1).
    var clock: UInt64 = 0
    /// Follower side of the lease: no vote before this tick (see `RaftNode+Lease.swift`).
    /// A new instance may have promised a lease before it restarted, so it starts bound for
    /// an election timeout.
    var leasePromisedUntil: UInt64
    /// Leader side of the lease: per voter, the send tick of the newest heartbeat it
    /// acknowledged in this term.
    var leaseAcknowledgements: [NodeID: UInt64] = [:]
    /// Set once this leader sent `timeoutNow` in its term (see `forfeitLease()`).
    var isLeaseForfeited = false
    /// Read requests received before this leader committed an entry of its term
    /// (thesis §6.4 step 1).
    var readIndexRequestsAwaitingCommit: [Message] = []

    // MARK: Outputs collected until the next `ready()`

    var readStates: [ReadState] = []
    var outbox: [Message] = []
    var outboxAfterPersist: [Message] = []
    /// Responses this node owes itself (its own vote, its own append acknowledgement):
    /// they are only valid once the Ready is persisted, so they are stepped in `advance`.
    var selfResponsesAfterPersist: [Message] = []
    var traceEvents: [TraceEvent] = []
    var reportedSoftState: SoftState
    var reportedHardState: HardState
    var pendingAdvance: PendingAdvance?
    var readySequence: UInt64 = 0

    /// Restores a replica from `storage`, or starts a new one: a founding member of a new
    /// cluster from storage holding a `Bootstrap`, a joiner from empty storage — which has
    /// no configuration, so it cannot campaign, until the leader sends it the log or a
    /// snapshot. Throws `.invalidConfig` for inconsistent settings.
    public init(config: RaftConfig, storage: any Storage) throws(RaftError) {
        try config.validate()
        id = config.id
        self.config = config
        randomGenerator = config.randomGenerator
        leasePromisedUntil = UInt64(config.electionTick)
        log = RaftLog(storage: storage, maxApplyBatchSize: config.maxCommittedSizePerReady)
        tracker = ProgressTracker(
            maxInflightMessages: config.maxInflightMessages, maxInflightBytes: config.maxInflightBytes)
        let initial = try storage.initialState()
        reportedSoftState = SoftState(leader: nil, role: .follower)
        reportedHardState = initial.hardState

        let changer = ConfigurationChanger(tracker: tracker, lastIndex: log.lastIndex)
        (tracker.config, tracker.progress) = try changer.restoring(initial.confState)
        try loadHardState(initial.hardState)
        if config.applied > log.appliedIndex {
            guard config.applied <= log.commitIndex else {
                throw .invalidConfig(.appliedBeyondCommit(applied: config.applied, commit: log.commitIndex))
            }
            log.markApplied(through: config.applied)
        }
        becomeFollower(term: term, leader: nil)
        reportedSoftState = softState
        reportedHardState = hardState
    }

    private func loadHardState(_ state: HardState) throws(RaftError) {
        guard state.commit >= log.commitIndex, state.commit <= log.lastIndex else {
            throw .storageFailure(
                "hard state commit \(state.commit) outside log [\(log.commitIndex), \(log.lastIndex)]")
        }
        log.commit(through: state.commit)
        term = state.term
        vote = state.vote
    }

    var softState: SoftState { SoftState(leader: leader, role: role) }

    var hardState: HardState { HardState(term: term, vote: vote, commit: log.commitIndex) }

    /// Whether this replica may campaign: it is a voter (not a learner, not removed) and
    /// is not in the middle of installing a snapshot.
    var isPromotable: Bool {
        guard let own = tracker.progress[id] else { return false }
        return !own.isLearner && !log.unstable.hasSnapshot
    }

    /// Queues a message. Acknowledgements that promise persisted state (append and vote
    /// responses, Raft paper §5.1) wait for the Ready to be persisted; the node's own copies
    /// of those are stepped on `advance`.
    func send(_ message: Message) {
        switch message.type {
        case .appendResponse, .requestVoteResponse, .requestPreVoteResponse:
            if message.to == id {
                selfResponsesAfterPersist.append(message)
            } else {
                outboxAfterPersist.append(message)
            }
        case .append, .requestVote, .requestPreVote, .heartbeat, .heartbeatResponse, .snapshot,
            .readIndex, .readIndexResponse, .timeoutNow, .transferLeader, .propose:
            precondition(message.to != id, "\(id) sending \(message.type) to itself: \(message)")
            outbox.append(message)
        }
    }

    /// A message from this node in the current term.
    func message(_ type: MessageType, to peer: NodeID) -> Message {
        Message(type: type, to: peer, from: id, term: term)
    }

    /// Records a trace event; the event is not even built when tracing is off.
    func trace(_ event: @autoclosure () -> TraceEvent) {
        guard config.traceEnabled else { return }
        traceEvents.append(event())
    }
}
