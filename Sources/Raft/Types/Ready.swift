/// Everything the Shell must do after the node changed: persist, send, apply. See the
/// Ready contract in `Raft.swift`; the split between `messages` and
/// `messagesAfterPersist` encodes the Raft paper §5.1 rule that a server answers RPCs
/// only after updating stable storage.
public struct Ready: Sendable, Hashable {
    /// Role or leader, when changed since the previous `Ready`.
    public var softState: SoftState?
    /// Term, vote and commit to persist, when changed since the previous `Ready`.
    public var hardState: HardState?
    /// Entries to append to stable storage (replacing any conflicting suffix).
    public var entries: [Entry]
    /// Snapshot to persist and restore, if the leader sent one.
    public var snapshot: Snapshot?
    /// Committed entries to apply, in order, after persisting.
    public var committedEntries: [Entry]
    /// Messages that may be sent right away.
    public var messages: [Message]
    /// Messages to send only once `hardState`, `entries` and `snapshot` are durable.
    public var messagesAfterPersist: [Message]
    /// Answers to `readIndex(context:)`.
    public var readStates: [ReadState]
    /// Whether the persisted write must be synced (term, vote or entries changed).
    public var mustSync: Bool
    /// State transitions, when `RaftConfig.traceEnabled` is set.
    public var trace: [TraceEvent]
    /// Ties the Ready to the `advance(_:)` call that acknowledges it.
    let sequence: UInt64

    /// Whether there is nothing at all to do.
    public var isEmpty: Bool {
        softState == nil && hardState == nil && entries.isEmpty && snapshot == nil
            && committedEntries.isEmpty && messages.isEmpty && messagesAfterPersist.isEmpty
            && readStates.isEmpty
    }
}
