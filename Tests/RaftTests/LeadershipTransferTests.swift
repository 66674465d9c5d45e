import Testing

@testable import Raft

/// Leadership transfer (thesis §3.10).
@Suite struct LeadershipTransferTests {
    @Test("thesis §3.10 an up-to-date transferee is told to campaign and becomes leader")
    func transferSucceeds() throws {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        try network[1].transferLeadership(to: 3)
        network.settle()
        #expect(network[3].status.role == .leader)
        #expect(network[1].status.role == .follower)
        #expect(network.sent(.timeoutNow).map(\.to) == [3])
    }

    @Test("thesis §3.10 a lagging transferee is caught up first")
    func transferCatchesUp() throws {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        network.isolate(3)
        try network.propose(1, "a")
        network.heal()
        try network[1].transferLeadership(to: 3)
        network.settle()
        #expect(network[3].status.role == .leader)
        #expect(network.applied(3) == ["a"])
    }

    @Test("thesis §3.10 proposals are refused while transferring; the transfer aborts after an election timeout")
    func transferBlocksProposalsUntilAborted() throws {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        network.isolate(3)
        try network[1].transferLeadership(to: 3)
        network.settle()
        #expect(network[1].status.leadTransferee == 3)
        #expect(throws: RaftError.proposalDropped) { try network[1].propose(bytes("x")) }
        network.tick(1, times: 10)
        #expect(network[1].status.leadTransferee == nil)
        try network.propose(1, "x")
        #expect(network.applied(1) == ["x"])
    }

    @Test("thesis §3.10 a follower forwards the transfer request to the leader")
    func followerForwardsTransfer() throws {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        try network[2].transferLeadership(to: 2)
        network.settle()
        #expect(network[2].status.role == .leader)
    }
}
