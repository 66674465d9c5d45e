import Testing

@testable import Raft

/// Raft paper §8 (client interaction) and thesis §6.4 (ReadIndex, leases).
@Suite struct PaperClientTests {
    @Test("§8 a leader serves a read index only after committing an entry of its term")
    func readIndexWaitsForCurrentTermCommit() throws {
        let (node, storage) = makeNode(1)
        node.campaign()
        cycle(node, storage)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 1))
        cycle(node, storage)
        try node.readIndex(context: bytes("r1"))
        #expect(cycle(node, storage).messages.allSatisfy { $0.type != .heartbeat })
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 1, index: 1))
        let heartbeats = cycle(node, storage).messages.filter { $0.type == .heartbeat }
        #expect(heartbeats.map(\.context) == [bytes("r1"), bytes("r1")])
        try node.step(Message(type: .heartbeatResponse, to: 1, from: 3, term: 1, context: bytes("r1")))
        #expect(cycle(node, storage).readStates == [ReadState(index: 1, context: bytes("r1"))])
    }

    @Test("§8 a read index needs a heartbeat quorum, so a deposed leader cannot serve stale reads")
    func readIndexNeedsQuorum() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(1)
        try network[1].readIndex(context: bytes("r"))
        network.settle()
        #expect(network.replica(1).readStates.isEmpty)
        network.heal()
        network.tick(1)
        #expect(network.replica(1).readStates == [ReadState(index: 1, context: bytes("r"))])
    }

    @Test("§8 a follower forwards a read index request and receives the leader's answer")
    func followerReadIndex() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        try network.propose(1, "a")
        try network[2].readIndex(context: bytes("f"))
        network.settle()
        #expect(network.replica(2).readStates == [ReadState(index: 2, context: bytes("f"))])
    }

    @Test("§8 lease-based reads are answered without a heartbeat round")
    func leaseBasedRead() throws {
        let network = Network(voters: [1, 2, 3]) { $0.readOnlyOption = .leaseBased }
        // New instances vote only after an election timeout (they may have promised a lease
        // before a restart), and the lease starts with the first acknowledged heartbeat.
        network.tickAll(times: 10)
        #expect(network.elect(1))
        network.tickAll()
        network.isolate(2)
        network.isolate(3)
        try network[1].readIndex(context: bytes("l"))
        network.settle()
        #expect(network.replica(1).readStates == [ReadState(index: 1, context: bytes("l"))])
    }

    @Test("§8 lease-based reads are refused by configuration validation without check-quorum")
    func leaseRequiresCheckQuorum() {
        var config = RaftConfig(id: 1)
        config.readOnlyOption = .leaseBased
        config.checkQuorum = false
        #expect(throws: RaftError.invalidConfig(.leaseReadsRequireCheckQuorum)) { try config.validate() }
    }

    @Test("§8 followers forward proposals to the leader")
    func followerForwardsProposal() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        try network.propose(3, "via follower")
        #expect(network.applied(1) == ["via follower"])
        #expect(network.sent(.propose).map(\.to) == [1])
    }

    @Test("§8 a follower refuses proposals with a leader hint when forwarding is disabled")
    func notLeaderHint() throws {
        let network = Network(voters: [1, 2, 3]) {
            classic(&$0)
            $0.disableProposalForwarding = true
        }
        #expect(throws: RaftError.notLeader(hint: nil)) { try network[2].propose(bytes("x")) }
        #expect(network.elect(1))
        #expect(throws: RaftError.notLeader(hint: 1)) { try network[2].propose(bytes("x")) }
    }
}
