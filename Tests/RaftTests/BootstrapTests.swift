import Testing

@testable import Raft

/// Bootstrapping a new cluster (etcd's `Bootstrap`): the initial membership is written into the
/// log, where replicas added later find it (thesis §4.1, configuration changes travel through
/// the log).
@Suite struct BootstrapTests {
    @Test("the membership becomes committed single-node changes at term 1, indexes 1…n")
    func initialEntries() throws {
        let bootstrap = try Bootstrap(voters: [3, 1, 2], learners: [4])
        #expect(bootstrap.entries.map(\.index) == [1, 2, 3, 4])
        #expect(bootstrap.entries.allSatisfy { $0.term == 1 && $0.kind == .confChange })
        let changes = try bootstrap.entries.map { try ConfChange(decoding: $0.data) }
        #expect(
            changes.map(\.steps) == [
                [.init(.addVoter, 1)], [.init(.addVoter, 2)], [.init(.addVoter, 3)], [.init(.addLearner, 4)],
            ])
        #expect(bootstrap.hardState == HardState(term: 1, commit: 4))
    }

    @Test("memberships that cannot form a cluster are refused")
    func invalidMemberships() {
        #expect(throws: RaftError.invalidConfChange(.removedAllVoters)) { try Bootstrap(voters: [], learners: [1]) }
        #expect(throws: RaftError.invalidConfig(.zeroNodeID)) { try Bootstrap(voters: [0, 1]) }
        #expect(throws: RaftError.invalidConfChange(.voterAndLearner(2))) {
            try Bootstrap(voters: [1, 2], learners: [2, 3])
        }
    }

    @Test("only an empty storage can be bootstrapped")
    func storageMustBeEmpty() throws {
        let storage = MemoryStorage()
        try storage.bootstrap(voters: [1, 2, 3])
        #expect(try storage.initialState().hardState == HardState(term: 1, commit: 3))
        #expect(try storage.lastIndex() == 3)
        #expect(throws: RaftError.self) { try storage.bootstrap(voters: [1, 2, 3]) }
        #expect(throws: RaftError.self) { try MemoryStorage(bootstrap: ConfState(voters: [1])).bootstrap(voters: [1]) }
    }

    @Test("a founding member adopts the membership by applying its first Ready, and only then campaigns")
    func founderAppliesMembershipFirst() throws {
        let storage = MemoryStorage()
        try storage.bootstrap(voters: [1, 2, 3])
        var config = RaftConfig(id: 1)
        classic(&config)
        let replica = Replica(node: try RaftNode(config: config, storage: storage), storage: storage)
        replica.node.campaign()
        #expect(replica.node.status.role == .follower)
        replica.processReady()
        #expect(replica.node.status.confState == ConfState(voters: [1, 2, 3]))
        replica.node.campaign()
        #expect(replica.node.status.role == .candidate)
        #expect(replica.node.status.term == 2)
    }

    /// Regression (simulation seed 22): a spare added later with empty storage replayed the
    /// log from index 1 without the founding membership, which lived only in the founders'
    /// zero snapshot; promoted to voter, it counted itself as the only voter and elected
    /// itself next to the real leader.
    @Test("a joiner with empty storage learns the founding membership from the log and cannot elect itself")
    func joinerReconstructsMembership() throws {
        let network = Network.bootstrapped(voters: [1, 2, 3], configure: classic)
        network.add(4, storage: MemoryStorage(), configure: classic)
        network.tick(4, times: 50)
        #expect(network[4].status.role == .follower)  // empty configuration: not promotable
        #expect(network.elect(1))
        try network[1].proposeConfChange(ConfChange(steps: [.init(.addLearner, 4)]))
        network.settle()
        try network[1].proposeConfChange(ConfChange(steps: [.init(.addVoter, 4)]))
        network.settle()
        #expect(network[4].status.confState == ConfState(voters: [1, 2, 3, 4]))
        network.isolate(4)
        network.tick(4, times: 50)
        #expect(network[4].status.role == .candidate)
    }
}
