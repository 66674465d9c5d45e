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
        if let snapshot = ready.snapshot { installSnapshot(snapshot.metadata) }
        if ready.hardState != nil || !ready.entries.isEmpty || ready.snapshot != nil {
            do {
                try log.persist(
                    hardState: ready.hardState, entries: ready.entries, snapshot: ready.snapshot?.metadata)
            } catch {
                fatalError("ecs-node: cannot persist the Raft log, stopping to stay safe: \(error)")
            }
        }
        messenger.send(ready.messagesAfterPersist)
        apply(ready.committedEntries)
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
            waiter.1.resume(returning: .success(applied.index))
            transferWaiters.remove(at: position)
        }
    }
}
