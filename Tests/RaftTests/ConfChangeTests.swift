import Testing

@testable import Raft

@Suite struct ConfChangeTests {
    private func tracker(voters: Set<NodeID>, learners: Set<NodeID> = []) throws -> ProgressTracker {
        var tracker = ProgressTracker(maxInflightMessages: 4, maxInflightBytes: .max)
        let changer = ConfigurationChanger(tracker: tracker, lastIndex: 10)
        (tracker.config, tracker.progress) = try changer.restoring(ConfState(voters: voters, learners: learners))
        return tracker
    }

    private func changer(_ tracker: ProgressTracker) -> ConfigurationChanger {
        ConfigurationChanger(tracker: tracker, lastIndex: 10)
    }

    @Test("codec round-trips and rejects garbage")
    func codec() throws {
        let change = ConfChange(
            transition: .jointExplicit, steps: [.init(.addVoter, 7), .init(.removeNode, 1)], context: bytes("ctx"))
        #expect(try ConfChange(decoding: change.encoded()) == change)
        #expect(try ConfChange(decoding: ConfChange.leaveJoint.encoded()) == .leaveJoint)
        #expect(throws: RaftError.malformedConfChange) { try ConfChange(decoding: [1, 0, 0]) }
        #expect(throws: RaftError.malformedConfChange) { try ConfChange(decoding: change.encoded() + [0]) }
    }

    @Test("entering a joint configuration keeps the old voters as the outgoing half")
    func enterJoint() throws {
        let (config, progress) = try changer(try tracker(voters: [1, 2, 3]))
            .enteringJoint(autoLeave: false, [.init(.addVoter, 4), .init(.removeNode, 3), .init(.addLearner, 2)])
        #expect(config.voters.incoming.voters == [1, 4])
        #expect(config.voters.outgoing.voters == [1, 2, 3])
        #expect(config.learnersNext == [2])
        #expect(progress[3] != nil)  // still an outgoing voter
        #expect(progress[4]?.next == 10)
    }

    @Test("leaving a joint configuration drops the outgoing half and demotes learnersNext")
    func leaveJoint() throws {
        var tracker = try tracker(voters: [1, 2, 3])
        (tracker.config, tracker.progress) = try changer(tracker)
            .enteringJoint(autoLeave: true, [.init(.removeNode, 3), .init(.addLearner, 2)])
        let (config, progress) = try changer(tracker).leavingJoint()
        #expect(config.confState == ConfState(voters: [1], learners: [2]))
        #expect(progress[3] == nil)
        #expect(progress[2]?.isLearner == true)
    }

    @Test("invalid changes are rejected")
    func invalidChanges() throws {
        let plain = try tracker(voters: [1, 2, 3])
        #expect(throws: RaftError.invalidConfChange(.multipleVoterChangesWithoutJoint)) {
            try changer(plain).simple([.init(.addVoter, 4), .init(.addVoter, 5)])
        }
        #expect(throws: RaftError.invalidConfChange(.removedAllVoters)) {
            try changer(plain).simple([.init(.removeNode, 1), .init(.removeNode, 2), .init(.removeNode, 3)])
        }
        #expect(throws: RaftError.invalidConfChange(.notJoint)) { try changer(plain).leavingJoint() }
        var joint = plain
        (joint.config, joint.progress) = try changer(plain).enteringJoint(autoLeave: false, [.init(.addVoter, 4)])
        #expect(throws: RaftError.invalidConfChange(.alreadyJoint)) {
            try changer(joint).enteringJoint(autoLeave: false, [.init(.addVoter, 5)])
        }
        #expect(throws: RaftError.invalidConfChange(.alreadyJoint)) { try changer(joint).simple([.init(.addVoter, 5)]) }
    }

    @Test("a learner is promoted and a voter demoted by simple changes")
    func promoteAndDemote() throws {
        let start = try tracker(voters: [1, 2, 3], learners: [4])
        let (promoted, _) = try changer(start).simple([.init(.addVoter, 4)])
        #expect(promoted.confState == ConfState(voters: [1, 2, 3, 4]))
        let (demoted, progress) = try changer(start).simple([.init(.addLearner, 3)])
        #expect(demoted.confState == ConfState(voters: [1, 2], learners: [3, 4]))
        #expect(progress[3]?.isLearner == true)
    }

    @Test("restoring a joint ConfState reproduces it")
    func restoreJoint() throws {
        let confState = ConfState(
            voters: [1, 4], learners: [5], votersOutgoing: [1, 2, 3], learnersNext: [2], autoLeave: true)
        let restored = try tracker(voters: []).config
        #expect(restored.confState == ConfState())
        let (config, _) = try changer(ProgressTracker(maxInflightMessages: 1, maxInflightBytes: .max))
            .restoring(confState)
        #expect(config.confState == confState)
    }
}
