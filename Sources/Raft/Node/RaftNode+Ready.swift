/// What `ready()` handed out and `advance(_:)` must acknowledge.
struct PendingAdvance {
    var sequence: UInt64
    var lastEntry: EntryID?
    var snapshotIndex: UInt64?
    var lastCommittedIndex: UInt64?
    var committedPayloadSize: UInt64
    var selfResponses: [Message]
}

/// The output side of the node: collecting work into a `Ready` and learning that it is done.
/// See the Ready contract in `Raft.swift`.
extension RaftNode {
    /// Whether `ready()` has anything to hand out. Always false between `ready()` and
    /// `advance(_:)`.
    public var hasReady: Bool {
        guard pendingAdvance == nil else { return false }
        return softState != reportedSoftState
            || hardState != reportedHardState
            || log.unstable.hasSnapshotToPersist
            || !log.unstable.entriesToPersist.isEmpty
            || log.hasEntriesToApply
            || !outbox.isEmpty
            || !outboxAfterPersist.isEmpty
            || !selfResponsesAfterPersist.isEmpty
            || !readStates.isEmpty
    }

    /// Collects everything to persist, send and apply. Must be followed by `advance(_:)`
    /// before it is called again.
    public func ready() -> Ready {
        precondition(pendingAdvance == nil, "\(id) ready() called again before advance(_:)")
        let soft = softState
        let hard = hardState
        let entries = Array(log.unstable.entriesToPersist)
        let committedEntries = log.entriesToApply
        if hard.commit != reportedHardState.commit {
            trace(.committed(index: hard.commit))
        }
        readySequence += 1
        let ready = Ready(
            softState: soft == reportedSoftState ? nil : soft,
            hardState: hard == reportedHardState ? nil : hard,
            entries: entries,
            snapshot: log.unstable.snapshotToPersist,
            committedEntries: committedEntries,
            messages: outbox,
            messagesAfterPersist: outboxAfterPersist,
            readStates: readStates,
            mustSync: !entries.isEmpty || hard.term != reportedHardState.term || hard.vote != reportedHardState.vote,
            trace: traceEvents,
            sequence: readySequence)
        pendingAdvance = PendingAdvance(
            sequence: readySequence,
            lastEntry: entries.last?.id,
            snapshotIndex: ready.snapshot?.metadata.index,
            lastCommittedIndex: committedEntries.last?.index,
            committedPayloadSize: committedEntries.payloadSize,
            selfResponses: selfResponsesAfterPersist)
        reportedSoftState = soft
        reportedHardState = hard
        // The Ready owns the collected buffers now. The next batch is likely about as large,
        // so reserve for it once rather than regrow from empty by doubling.
        outbox = []
        outbox.reserveCapacity(ready.messages.count)
        outboxAfterPersist = []
        outboxAfterPersist.reserveCapacity(ready.messagesAfterPersist.count)
        selfResponsesAfterPersist = []
        selfResponsesAfterPersist.reserveCapacity(pendingAdvance?.selfResponses.count ?? 0)
        readStates = []
        traceEvents = []
        log.unstable.markInProgress()
        if let lastCommitted = committedEntries.last {
            log.markApplying(through: lastCommitted.index)
        }
        return ready
    }

    /// Acknowledges that `ready` was fully processed: its state is durable, its messages
    /// sent, its committed entries and snapshot applied.
    public func advance(_ ready: Ready) {
        guard let pending = pendingAdvance, pending.sequence == ready.sequence else {
            preconditionFailure(
                "\(id) advance(_:) of Ready \(ready.sequence) but pending is \(String(describing: pendingAdvance?.sequence))"
            )
        }
        pendingAdvance = nil
        if let lastEntry = pending.lastEntry {
            log.unstable.markStable(through: lastEntry)
        }
        if let snapshotIndex = pending.snapshotIndex {
            log.unstable.markSnapshotStable(at: snapshotIndex)
            log.markApplied(through: snapshotIndex)
        }
        for response in pending.selfResponses {
            do {
                try receive(response)
            } catch {
                preconditionFailure("\(id) failed to process its own \(response): \(error)")
            }
        }
        if let lastCommittedIndex = pending.lastCommittedIndex {
            log.markApplied(through: lastCommittedIndex)
            releaseUncommittedSize(pending.committedPayloadSize)
            leaveJointIfAutomatic()
        }
    }
}
