/// Membership changes (thesis §4): single-server changes, joint consensus, learners.
/// A change takes effect when the applying layer applies its committed entry, on every
/// replica alike.
extension RaftNode {
    /// Makes a committed configuration change take effect and returns the resulting
    /// configuration, which the Shell should persist with the applied state (it goes into
    /// the next snapshot). Call it for every applied entry of kind `.confChange`, decoding
    /// its data with `ConfChange(decoding:)`. Throws `.invalidConfChange` (leaving the
    /// configuration untouched) if the change does not fit the current configuration.
    ///
    /// A leader that is removed or demoted steps down (thesis §4.2.2); a joint
    /// configuration with auto-leave is left automatically once applied.
    public func applyConfChange(_ change: ConfChange) throws(RaftError) -> ConfState {
        let changer = ConfigurationChanger(tracker: tracker, lastIndex: log.lastIndex)
        let (newConfig, newProgress) = try changer.applying(change)
        return switchTo(newConfig, newProgress)
    }

    /// Refuses a proposal the leader knows cannot be applied: one change at a time
    /// (thesis §4.1), and it must be valid against the current configuration.
    func validateConfChange(_ change: ConfChange) throws(RaftError) {
        guard pendingConfIndex <= log.appliedIndex else {
            throw .invalidConfChange(.changePending(index: pendingConfIndex, applied: log.appliedIndex))
        }
        _ = try ConfigurationChanger(tracker: tracker, lastIndex: log.lastIndex).applying(change)
    }

    /// Installs a new configuration and reacts to it as leader: commit may advance (the
    /// quorum changed), new peers need entries, a removed transferee stops the transfer.
    @discardableResult
    func switchTo(_ newConfig: TrackerConfig, _ newProgress: ProgressMap) -> ConfState {
        tracker.config = newConfig
        tracker.progress = newProgress
        let confState = newConfig.confState
        trace(.configurationChanged(confState))
        guard role == .leader else { return confState }
        guard let own = newProgress[id], !own.isLearner else {
            becomeFollower(term: term, leader: nil)
            return confState
        }
        if commitIfPossible() {
            broadcastAppend()
        } else {
            for peer in tracker.sortedIDs where peer != id {
                sendAppend(to: peer, evenIfEmpty: false)
            }
        }
        if let transferee = leadTransferee, !newConfig.voters.contains(transferee) {
            abortLeaderTransfer()
        }
        return confState
    }

    /// Thesis §4.3: once C_old,new is applied, the leader proposes C_new by itself when the
    /// change asked for automatic leaving.
    func leaveJointIfAutomatic() {
        guard role == .leader, tracker.config.autoLeave, pendingConfIndex <= log.appliedIndex else { return }
        let entry = Entry(kind: .confChange, data: ConfChange.leaveJoint.encoded())
        do {
            try acceptProposal(Message(type: .propose, to: id, from: id, entries: [entry]))
        } catch {
            // Refused for now (transfer running or uncommitted log full); the leader
            // retries on its next tick.
        }
    }

    /// Whether committed but unapplied entries include a configuration change, which
    /// might make this node a non-voter once applied (so it must not campaign yet).
    var hasUnappliedConfChanges: Bool {
        guard log.appliedIndex < log.commitIndex else { return false }
        do {
            let unapplied = try log.entries(from: log.appliedIndex + 1, to: log.commitIndex + 1, maxSize: .max)
            return unapplied.contains { $0.kind == .confChange }
        } catch {
            preconditionFailure(
                "\(id) cannot read unapplied entries (\(log.appliedIndex), \(log.commitIndex)]: \(error)")
        }
    }
}
