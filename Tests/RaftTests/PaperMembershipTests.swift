import Testing

@testable import Raft

/// Raft paper §6 (cluster membership changes), with the thesis refinements: learners
/// (§4.2.1), single-server changes (§4.1) and joint consensus (§4.3).
@Suite struct PaperMembershipTests {
    /// A three-voter cluster with leader 1 and a fresh node `newID` that starts from the
    /// cluster's bootstrap configuration (not yet including itself) and an empty log.
    private func clusterWithNewcomer(_ newID: NodeID) -> Network {
        let network = Network(voters: [1, 2, 3], configure: classic)
        addNewcomer(newID, to: network)
        #expect(network.elect(1))
        return network
    }

    private func addNewcomer(_ id: NodeID, to network: Network) {
        network.add(id, storage: MemoryStorage(bootstrap: ConfState(voters: [1, 2, 3])), configure: classic)
    }

    private func change(_ steps: ConfChange.Step..., transition: ConfChange.Transition = .automatic) -> ConfChange {
        ConfChange(transition: transition, steps: steps)
    }

    @Test("§6 a new server joins as a learner: it receives the log but does not vote or campaign")
    func learnerCatchesUpWithoutVoting() throws {
        let network = clusterWithNewcomer(4)
        try network[1].proposeConfChange(change(.init(.addLearner, 4)))
        network.settle()
        try network.propose(1, "a")
        #expect(network.applied(4) == ["a"])
        #expect(network[4].status.confState.learners == [4])
        network.tick(4, times: 50)
        #expect(network[4].status.role == .follower)
        // The learner's acknowledgement does not count towards a majority.
        network.isolate(2)
        network.isolate(3)
        try network.propose(1, "b")
        #expect(network.applied(1) == ["a"])
    }

    @Test("§6 a single-server change adds a voter that then counts in the quorum")
    func singleServerAddition() throws {
        let network = clusterWithNewcomer(4)
        try network[1].proposeConfChange(change(.init(.addVoter, 4)))
        network.settle()
        #expect(network[1].status.confState.voters == [1, 2, 3, 4])
        #expect(network[4].status.confState.voters == [1, 2, 3, 4])
        // Two of four is no longer a majority.
        network.isolate(3)
        network.isolate(4)
        try network.propose(1, "x")
        #expect(network.applied(1).isEmpty)
        network.heal()
        network.tick(1)
        #expect(network.applied(1) == ["x"])
    }

    @Test("§6 joint consensus: C_old,new then C_new, left automatically")
    func jointConsensusAutoLeave() throws {
        let network = clusterWithNewcomer(4)
        addNewcomer(5, to: network)
        try network[1].proposeConfChange(change(.init(.addVoter, 4), .init(.addVoter, 5), .init(.removeNode, 3)))
        network.settle()
        let history = network.replica(1).confStates
        #expect(history.first?.votersOutgoing == [1, 2, 3])
        #expect(history.first?.voters == [1, 2, 4, 5])
        #expect(history.last == ConfState(voters: [1, 2, 4, 5]))
        #expect(network[1].status.progress[3] == nil)
    }

    @Test("§6 in a joint configuration, commitment needs majorities of both configurations")
    func jointNeedsBothMajorities() throws {
        let network = clusterWithNewcomer(4)
        addNewcomer(5, to: network)
        let replaceTwo = change(
            .init(.addVoter, 4), .init(.addVoter, 5), .init(.removeNode, 2), .init(.removeNode, 3),
            transition: .jointExplicit)
        try network[1].proposeConfChange(replaceTwo)
        network.settle()
        #expect(network[1].status.confState.votersOutgoing == [1, 2, 3])
        // Old majority {1, 2, 3} available, new majority {1, 4, 5} not.
        network.isolate(4)
        network.isolate(5)
        try network.propose(1, "x")
        #expect(network.applied(1).isEmpty)
        network.heal()
        network.tick(1)
        #expect(network.applied(1) == ["x"])
        // Explicit transitions stay joint until asked to leave.
        #expect(network[1].status.confState.votersOutgoing == [1, 2, 3])
        try network[1].proposeConfChange(.leaveJoint)
        network.settle()
        #expect(network[1].status.confState == ConfState(voters: [1, 4, 5]))
    }

    @Test("§6 only one configuration change may be pending at a time")
    func onePendingChange() throws {
        let network = clusterWithNewcomer(4)
        try network[1].proposeConfChange(change(.init(.addLearner, 4)))
        #expect(throws: RaftError.invalidConfChange(.changePending(index: 2, applied: 1))) {
            try network[1].proposeConfChange(change(.init(.addVoter, 4)))
        }
        network.settle()
        try network[1].proposeConfChange(change(.init(.addVoter, 4)))
    }

    @Test("§6 changes that do not fit the current configuration are refused")
    func invalidChangesAreRefused() {
        let network = Network(voters: [1], configure: classic)
        #expect(network.elect(1))
        #expect(throws: RaftError.invalidConfChange(.removedAllVoters)) {
            try network[1].proposeConfChange(ConfChange(steps: [.init(.removeNode, 1)]))
        }
        #expect(throws: RaftError.invalidConfChange(.notJoint)) {
            try network[1].proposeConfChange(.leaveJoint)
        }
    }

    @Test("§6 a leader removed from the configuration steps down")
    func removedLeaderStepsDown() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        try network[1].proposeConfChange(ConfChange(steps: [.init(.removeNode, 1)]))
        network.settle()
        #expect(network[1].status.role == .follower)
        #expect(network[2].status.confState.voters == [2, 3])
        #expect(network.elect(2))
        try network.propose(2, "after")
        #expect(network.applied(3) == ["after"])
    }

    @Test("§6 a learner can be promoted to voter")
    func learnerPromotion() throws {
        let network = Network(voters: [1, 2, 3], learners: [4], configure: classic)
        #expect(network.elect(1))
        #expect(network[1].status.progress[4]?.isLearner == true)
        try network[1].proposeConfChange(ConfChange(steps: [.init(.addVoter, 4)]))
        network.settle()
        #expect(network[4].status.confState.voters == [1, 2, 3, 4])
        #expect(network[1].status.progress[4]?.isLearner == false)
        network.isolate(1)
        #expect(network.elect(4))
    }

    @Test("§6 a server does not campaign while committed configuration changes are unapplied")
    func noCampaignWithUnappliedChange() throws {
        let storage = MemoryStorage(bootstrap: ConfState(voters: [1, 2, 3]))
        let removal = ConfChange(steps: [.init(.removeNode, 1)]).encoded()
        try storage.append([Entry(index: 1, term: 1, kind: .confChange, data: removal)])
        storage.setHardState(HardState(term: 1, commit: 1))
        var config = RaftConfig(id: 1)
        classic(&config)
        let node = try RaftNode(config: config, storage: storage)
        node.campaign()
        #expect(node.status.role == .follower)
    }
}
