import Testing

@testable import Raft

/// Pre-vote, check-quorum and the leader lease (thesis §9.6, §6.2).
@Suite struct ElectionSafeguardTests {
    @Test("thesis §9.6 a partitioned node with pre-vote does not inflate its term")
    func preVoteKeepsTermStable() {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        network.isolate(3)
        network.tick(3, times: 100)
        #expect(network[3].status.term == 1)
        #expect(network[3].status.role == .preCandidate)
        network.heal()
        network.tickAll(times: 5)
        #expect(network[1].status.role == .leader)
        #expect(network[1].status.term == 1)
        #expect(network[3].status.leader == 1)
    }

    @Test("thesis §9.6 pre-vote wins then runs a real election at term + 1")
    func preVoteThenVote() {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(2))
        #expect(network[2].status.term == 1)
        #expect(network.sent(.requestPreVote).allSatisfy { $0.term == 1 })
        #expect(network.sent(.requestVote).map(\.to) == [1, 3])
    }

    @Test("thesis §9.6 without pre-vote a rejoining node disrupts the leader")
    func withoutPreVoteTermInflates() {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(3)
        network.tick(3, times: 100)
        #expect(network[3].status.term > 1)
    }

    @Test("thesis §6.2 check-quorum: a leader that loses its quorum steps down")
    func checkQuorumStepsDown() {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        network.isolate(1)
        network.tick(1, times: 21)
        #expect(network[1].status.role == .follower)
        #expect(network[1].status.leader == nil)
    }

    @Test("thesis §6.2 check-quorum: a leader hearing from its quorum stays leader")
    func checkQuorumKeepsHealthyLeader() {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        network.isolate(3)
        network.tickAll(times: 60)
        #expect(network[1].status.role == .leader)
    }

    @Test("thesis §6.2 leader lease: followers ignore vote requests while the leader is live")
    func leaseIgnoresVotes() throws {
        let (node, storage) = makeNode(1, configure: { _ in })
        try node.step(Message(type: .heartbeat, to: 1, from: 2, term: 1))
        cycle(node, storage)
        try node.step(Message(type: .requestVote, to: 1, from: 3, term: 2, logTerm: 5, index: 5))
        #expect(node.status.term == 1)
        #expect(cycle(node, storage).messagesAfterPersist.isEmpty)
        // A transfer campaign overrides the lease.
        try node.step(
            Message(
                type: .requestVote, to: 1, from: 3, term: 2, logTerm: 5, index: 5,
                context: RaftNode.transferCampaignContext))
        #expect(node.status.term == 2)
        #expect(node.status.vote == 3)
    }

    @Test("thesis §9.6 a stale pre-vote request is rejected with the current term")
    func stalePreVoteRejected() throws {
        let (node, storage) = makeNode(1, hardState: HardState(term: 4), configure: { _ in })
        try node.step(Message(type: .requestPreVote, to: 1, from: 2, term: 3))
        let responses = sentMessages(node, storage)
        #expect(responses == [Message(type: .requestPreVoteResponse, to: 2, from: 1, term: 4, reject: true)])
    }
}
