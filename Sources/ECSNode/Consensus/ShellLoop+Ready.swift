import KVStore
import Raft

extension ShellLoop {
    /// Handles one `Ready` in the order the Raft paper's rules require (§5.1: answer only once
    /// stable storage is updated): the leader's appends go out at once, since a leader may
    /// replicate before its own write is durable; everything else waits for the synced commit.
    func process(_ ready: Ready) {
        if let soft = ready.softState { roleChanged(to: soft) }
        if role == .leader {
            for entry in ready.entries where entry.kind == .normal {
                if let requestID = EntryPayload.requestID(of: entry.data) {
                    pending.noteAppended(requestID, at: entry.index)
                }
            }
            for (position, waiter) in membershipWaiters.enumerated() where waiter.index == nil {
                if let entry = ready.entries.last(where: { $0.kind == .confChange }) {
                    membershipWaiters[position].index = entry.index
                }
            }
        }
        messenger.send(ready.messages)
        var committed = ready.committedEntries[...]
        if role == .leader && ready.snapshot == nil, let durable = try? log.lastIndex() {
            // Entries already on this disk and committed by a quorum need not wait for this
            // Ready's flush: the leader applies them (and answers their clients) first. A
            // follower flushes first instead, because its acknowledgement is what others wait on.
            let early = committed.prefix { $0.index <= durable }
            apply(Array(early))
            committed = committed.dropFirst(early.count)
        }
        if let snapshot = ready.snapshot { installSnapshot(snapshot.metadata) }
        if ready.mustSync || ready.snapshot != nil {
            persist(hardState: ready.hardState ?? deferredHardState, entries: ready.entries, snapshot: ready.snapshot)
        } else if let hardState = ready.hardState {
            // Only the commit index moved: Raft does not need it durable (a restarted node
            // learns it again from the leader), so it rides along with the next synced write
            // instead of costing a synced commit of its own on every write's path.
            deferredHardState = hardState
        }
        messenger.send(ready.messagesAfterPersist)
        apply(Array(committed))
        for readState in ready.readStates {
            guard let requestID = try? BigEndianKey.decode(readState.context) else { continue }
            pending.readIndexConfirmed(requestID, index: readState.index)
        }
        pending.applied(through: applied.index)
        raft.advance(ready)
        takeSnapshotIfDue()
    }

    private func roleChanged(to soft: SoftState) {
        let wasLeader = role == .leader
        role = soft.role
        if leader != soft.leader {
            if soft.leader != nil { RaftMetrics.shared.leaderChanges.increment() }
            logger.info(
                "leader is now \(soft.leader.map { members[$0]?.name ?? String($0, radix: 16) } ?? "unknown")")
        }
        leader = soft.leader
        if wasLeader && role != .leader {
            // Reads the old leader had not confirmed are lost with its leadership; they are safe
            // to retry. Proposals keep waiting: the new leader may still commit them.
            pending.failReads(.unavailable(reason: "leadership changed; retry the read"))
        }
        for (position, waiter) in transferWaiters.enumerated().reversed() where soft.leader == waiter.target {
            waiter.continuation.resume(returning: .success(applied.index))
            transferWaiters.remove(at: position)
        }
    }
}

extension ShellLoop {
    /// Writes what a `Ready` must make durable in one synced commit, with the newest hard state;
    /// its time is the fsync latency `RaftMetrics` reports.
    func persist(hardState: HardState?, entries: [Raft.Entry] = [], snapshot: Snapshot? = nil) {
        do {
            let started = ContinuousClock.now
            try log.persist(hardState: hardState, entries: entries, snapshot: snapshot?.metadata)
            RaftMetrics.shared.fsyncDuration.record(duration: .now - started)
            deferredHardState = nil
        } catch {
            fatalError("ecs-node: cannot persist the Raft log, stopping to stay safe: \(error)")
        }
    }

    /// Writes a deferred commit index: before a snapshot (the log's commit must not be behind its
    /// snapshot) and when stopping.
    func persistDeferredHardState() {
        if let deferredHardState { persist(hardState: deferredHardState) }
    }
}
