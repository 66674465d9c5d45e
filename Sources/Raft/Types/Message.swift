/// A message between two replicas. One flat struct with plain stored fields (like etcd's
/// `raftpb.Message`) so that the transport can encode it without knowing Raft; fields that
/// a given `MessageType` does not use keep their zero value.
public struct Message: Sendable, Hashable {
    /// What the message is.
    public var type: MessageType
    /// Recipient.
    public var to: NodeID
    /// Sender (for `transferLeader`: the transferee, see `MessageType.transferLeader`).
    public var from: NodeID
    /// Sender's term; zero for term-less forwarded requests (`propose`, `readIndex`,
    /// `transferLeader`).
    public var term: UInt64
    /// `append`: term of the entry preceding `entries`. Vote requests: term of the
    /// candidate's last entry. Rejected `appendResponse`: term of the hint entry.
    public var logTerm: UInt64
    /// `append`: index preceding `entries`. Vote requests: candidate's last index.
    /// `appendResponse`: last matching index (or the rejected index). `readIndexResponse`:
    /// the read index. `heartbeat`: the leader's tick count when it sent it, echoed by the
    /// `heartbeatResponse` (leader lease, thesis §6.4.1).
    public var index: UInt64
    /// Log entries (`append`, `propose`), or the read context (`readIndex`, one entry).
    public var entries: [Entry]
    /// Leader's commit index (`append`, `heartbeat`).
    public var commit: UInt64
    /// The snapshot of a `snapshot` message.
    public var snapshot: Snapshot?
    /// Whether a response refuses the request.
    public var reject: Bool
    /// Rejected `appendResponse`: index at which the follower suggests probing next.
    public var rejectHint: UInt64
    /// Opaque context: the read-index context on heartbeats, or the leadership-transfer
    /// marker on vote requests.
    public var context: [UInt8]

    /// Creates a message; every field but the routing ones defaults to zero.
    public init(
        type: MessageType,
        to: NodeID,
        from: NodeID,
        term: UInt64 = 0,
        logTerm: UInt64 = 0,
        index: UInt64 = 0,
        entries: [Entry] = [],
        commit: UInt64 = 0,
        snapshot: Snapshot? = nil,
        reject: Bool = false,
        rejectHint: UInt64 = 0,
        context: [UInt8] = []
    ) {
        self.type = type
        self.to = to
        self.from = from
        self.term = term
        self.logTerm = logTerm
        self.index = index
        self.entries = entries
        self.commit = commit
        self.snapshot = snapshot
        self.reject = reject
        self.rejectHint = rejectHint
        self.context = context
    }
}
