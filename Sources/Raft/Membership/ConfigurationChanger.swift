/// Computes the configuration and progress map that result from a `ConfChange`, without
/// touching the live tracker, so that a change can be validated before it is proposed and
/// applied atomically when it commits (thesis §4.1 single-server changes, §4.3 joint
/// consensus).
struct ConfigurationChanger {
    typealias Outcome = (config: TrackerConfig, progress: ProgressMap)

    var config: TrackerConfig
    var progress: ProgressMap
    /// Where newly added peers start being probed.
    let lastIndex: UInt64
    /// An empty in-flight window with the tracker's limits, copied for each new peer.
    let emptyInflights: Inflights

    init(tracker: ProgressTracker, lastIndex: UInt64) {
        config = tracker.config
        progress = tracker.progress
        self.lastIndex = lastIndex
        emptyInflights = tracker.newInflights()
    }

    /// Applies `change` in the way its transition asks for.
    func applying(_ change: ConfChange) throws(RaftError) -> Outcome {
        if change.leavesJoint { return try leavingJoint() }
        let (entersJoint, autoLeave) = change.jointEntry
        if entersJoint { return try enteringJoint(autoLeave: autoLeave, change.steps) }
        return try simple(change.steps)
    }

    /// C_old → C_old,new: the current voters become the outgoing half, the steps shape the
    /// incoming half (thesis §4.3).
    func enteringJoint(autoLeave: Bool, _ steps: [ConfChange.Step]) throws(RaftError) -> Outcome {
        guard !config.voters.isJoint else { throw .invalidConfChange(.alreadyJoint) }
        guard !config.voters.incoming.isEmpty else { throw .invalidConfChange(.zeroVoterJoint) }
        var changed = self
        changed.config.voters.outgoing = config.voters.incoming
        try changed.apply(steps)
        changed.config.autoLeave = autoLeave
        return changed.outcome
    }

    /// C_old,new → C_new: the outgoing half is dropped, demoted voters become learners and
    /// nodes in neither half are forgotten.
    func leavingJoint() throws(RaftError) -> Outcome {
        guard config.voters.isJoint else { throw .invalidConfChange(.notJoint) }
        var changed = self
        for id in changed.config.learnersNext {
            changed.config.learners.insert(id)
            changed.progress[id]?.isLearner = true
        }
        changed.config.learnersNext = []
        for id in changed.config.voters.outgoing.voters
        where !changed.config.voters.incoming.voters.contains(id) && !changed.config.learners.contains(id) {
            changed.progress[id] = nil
        }
        changed.config.voters.outgoing = MajorityConfig()
        changed.config.autoLeave = false
        return changed.outcome
    }

    /// A change of at most one voter, safe without joint consensus (thesis §4.1).
    func simple(_ steps: [ConfChange.Step]) throws(RaftError) -> Outcome {
        guard !config.voters.isJoint else { throw .invalidConfChange(.alreadyJoint) }
        var changed = self
        try changed.apply(steps)
        let before = config.voters.incoming.voters
        let after = changed.config.voters.incoming.voters
        guard before.symmetricDifference(after).count <= 1 else {
            throw .invalidConfChange(.multipleVoterChangesWithoutJoint)
        }
        return changed.outcome
    }

    /// Rebuilds the tracker state described by a `ConfState` (after a restart or a
    /// snapshot) by replaying changes from an empty configuration.
    func restoring(_ confState: ConfState) throws(RaftError) -> Outcome {
        var changer = self
        changer.config = TrackerConfig()
        changer.progress = ProgressMap()
        let outgoing = confState.votersOutgoing.sorted()
        var incoming: [ConfChange.Step] = outgoing.map { .init(.removeNode, $0) }
        incoming += confState.voters.sorted().map { .init(.addVoter, $0) }
        incoming += confState.learners.sorted().map { .init(.addLearner, $0) }
        incoming += confState.learnersNext.sorted().map { .init(.addLearner, $0) }
        if outgoing.isEmpty {
            // One simple change at a time keeps every intermediate step valid.
            for step in incoming {
                (changer.config, changer.progress) = try changer.simple([step])
            }
            return changer.outcome
        }
        for id in outgoing {
            (changer.config, changer.progress) = try changer.simple([.init(.addVoter, id)])
        }
        return try changer.enteringJoint(autoLeave: confState.autoLeave, incoming)
    }

    // MARK: Applying steps

    private var outcome: Outcome { (config, progress) }

    private mutating func apply(_ steps: [ConfChange.Step]) throws(RaftError) {
        for step in steps where step.nodeID != 0 {
            switch step.operation {
            case .addVoter: makeVoter(step.nodeID)
            case .addLearner: makeLearner(step.nodeID)
            case .removeNode: remove(step.nodeID)
            }
        }
        guard !config.voters.incoming.isEmpty else { throw .invalidConfChange(.removedAllVoters) }
    }

    private mutating func makeVoter(_ id: NodeID) {
        guard progress.contains(id) else {
            addProgress(id, isLearner: false)
            return
        }
        progress[id]?.isLearner = false
        config.learners.remove(id)
        config.learnersNext.remove(id)
        config.voters.incoming.voters.insert(id)
    }

    private mutating func makeLearner(_ id: NodeID) {
        guard let existing = progress[id] else {
            addProgress(id, isLearner: true)
            return
        }
        guard !existing.isLearner else { return }
        // Demotion: drop it as a voter first, but keep its progress.
        remove(id)
        progress[id] = existing
        if config.voters.outgoing.voters.contains(id) {
            // Still a voter of the outgoing half: it becomes a learner when that half goes.
            config.learnersNext.insert(id)
        } else {
            progress[id]?.isLearner = true
            config.learners.insert(id)
        }
    }

    private mutating func remove(_ id: NodeID) {
        guard progress.contains(id) else { return }
        config.voters.incoming.voters.remove(id)
        config.learners.remove(id)
        config.learnersNext.remove(id)
        // An outgoing voter keeps its progress: it still votes until the joint state ends.
        if !config.voters.outgoing.voters.contains(id) {
            progress[id] = nil
        }
    }

    private mutating func addProgress(_ id: NodeID, isLearner: Bool) {
        if isLearner {
            config.learners.insert(id)
        } else {
            config.voters.incoming.voters.insert(id)
        }
        // Start probing from the leader's last index; the new peer counts as recently
        // active so that check-quorum does not immediately fail because of it.
        progress[id] = Progress(
            next: max(lastIndex, 1), isLearner: isLearner, recentActive: true, inflights: emptyInflights)
    }
}
