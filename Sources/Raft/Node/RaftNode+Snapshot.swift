/// Snapshots (Raft paper §7): sending them to followers whose entries were compacted,
/// installing them on followers, and flow-control reports from the Shell.
extension RaftNode {
    /// Leader: sends the storage's snapshot to `peer` and pauses appends until the Shell
    /// reports the outcome. Returns whether a snapshot was sent.
    func sendSnapshot(to peer: NodeID) -> Bool {
        // Do not ship a (possibly large) snapshot to a peer that may be down.
        guard tracker.progress[peer]?.recentActive == true else { return false }
        let snapshot: Snapshot
        do throws(RaftError) {
            snapshot = try log.snapshot()
        } catch {
            switch error {
            case .snapshotTemporarilyUnavailable: return false
            default: preconditionFailure("\(id) cannot read snapshot for \(peer): \(error)")
            }
        }
        precondition(!snapshot.isEmpty, "\(id) needs a snapshot for \(peer) but storage has none")
        tracker.progress[peer]?.becomeSnapshot(pendingIndex: snapshot.metadata.index)
        var message = message(.snapshot, to: peer)
        message.snapshot = snapshot
        send(message)
        return true
    }

    /// InstallSnapshot receiver (§7). The answer is an `appendResponse` so the leader
    /// resumes replication from wherever this replica now is.
    func handleSnapshot(_ message: Message) {
        guard let snapshot = message.snapshot else { return }
        var response = self.message(.appendResponse, to: message.from)
        response.index = restore(snapshot) ? log.lastIndex : log.commitIndex
        send(response)
    }

    /// Replaces the log and configuration with `snapshot` unless it brings nothing new
    /// (Raft paper Figure 13, InstallSnapshot step 8: "reset state machine using snapshot
    /// contents (and load snapshot's cluster configuration)").
    ///
    /// The snapshot's configuration need not contain this replica: a replica added (or
    /// re-added) after the leader's latest snapshot is caught up with that snapshot and then
    /// learns its own membership from the entries that follow it, exactly like a joiner that
    /// starts with an empty configuration. Refusing it would make the leader resend the same
    /// snapshot forever. (etcd refuses it, but its server rewrites every outgoing snapshot's
    /// metadata to its current applied index and configuration, so it never sees one.)
    private func restore(_ snapshot: Snapshot) -> Bool {
        let metadata = snapshot.metadata
        guard metadata.index > log.commitIndex else { return false }
        guard role == .follower else {
            // Only a leader of this term sends snapshots, so this node should already be
            // its follower; refuse and let the term move on rather than trust it.
            becomeFollower(term: term + 1, leader: nil)
            return false
        }
        let lastIncluded = EntryID(term: metadata.term, index: metadata.index)
        if log.matches(lastIncluded) {
            // §7: "if the follower has an entry matching the snapshot's last included
            // entry, it retains the entries following it" — just commit up to it.
            log.commit(through: metadata.index)
            return false
        }
        log.restore(snapshot)
        let freshTracker = ProgressTracker(
            maxInflightMessages: tracker.maxInflightMessages, maxInflightBytes: tracker.maxInflightBytes)
        let changer = ConfigurationChanger(tracker: freshTracker, lastIndex: log.lastIndex)
        do {
            let (restoredConfig, restoredProgress) = try changer.restoring(metadata.confState)
            switchTo(restoredConfig, restoredProgress)
        } catch {
            preconditionFailure("\(id) cannot restore configuration \(metadata.confState): \(error)")
        }
        trace(.snapshotRestored(metadata))
        return true
    }

    /// Tells the leader how sending a snapshot to `peer` ended, so it resumes probing
    /// (from after the snapshot on success, from the last known match on failure).
    public func reportSnapshot(to peer: NodeID, status: SnapshotStatus) {
        guard role == .leader else { return }
        tracker.progress[peer]?.snapshotFinished(status)
    }

    /// Tells the leader that a message to `peer` could not be delivered, so it stops
    /// streaming optimistically and probes instead.
    public func reportUnreachable(_ peer: NodeID) {
        guard role == .leader, tracker.progress[peer]?.state == .replicate else { return }
        tracker.progress[peer]?.becomeProbe()
    }
}
