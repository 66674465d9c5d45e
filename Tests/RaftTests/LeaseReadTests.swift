import Testing

@testable import Raft

/// Lease-based reads (thesis §6.4.1) stay linearizable: the leader answers from its lease
/// only while no other leader can have been elected.
@Suite struct LeaseReadTests {
    private static func leaseBased(_ config: inout RaftConfig) {
        config.readOnlyOption = .leaseBased
    }

    /// A three-voter lease-read cluster led by 1, whose lease is established.
    private func clusterLedByOne() -> Network {
        let network = Network(voters: [1, 2, 3], configure: Self.leaseBased)
        network.tickAll(times: 10)
        #expect(network.elect(1))
        network.tickAll()
        return network
    }

    @Test("§6.4.1 an isolated leader stops serving lease reads before a new leader can be elected")
    func isolatedLeaderLeaseEndsBeforeNewLeader() throws {
        let network = clusterLedByOne()
        network.isolate(1)
        var leaseReads = 0
        var newLeaderAt: Int?
        for tick in 1...20 {
            network.tickAll()
            // The followers heard the leader last at tick 0; once their promise has run out
            // (an election timeout later), one campaigns at once and wins.
            if tick >= 10, newLeaderAt == nil {
                if !network.elect(2) && network[3].status.role != .leader { continue }
                newLeaderAt = tick
            }
            // The cut-off leader may not notice for a while (check-quorum runs once per
            // election timeout); it must stop answering reads from its lease anyway.
            guard network[1].status.role == .leader else { continue }
            let answered = network.replica(1).readStates.count
            try network[1].readIndex(context: bytes("read at \(tick)"))
            network.settle()
            guard network.replica(1).readStates.count > answered else { continue }
            leaseReads += 1
            #expect(newLeaderAt == nil, "lease read at tick \(tick) after a new leader was elected")
        }
        #expect(leaseReads > 0, "the lease serves reads for a while after the cut")
        #expect(newLeaderAt == 10)
    }

    @Test("§6.4.1 a restarted follower refuses votes for an election timeout")
    func restartedFollowerWaitsOutForgottenLease() throws {
        // Restarted from storage: it may have acknowledged a leader's heartbeat just before.
        let (node, storage) = makeNode(1, hardState: HardState(term: 1), configure: Self.leaseBased)
        let request = Message(type: .requestVote, to: 1, from: 3, term: 2, logTerm: 1, index: 5)
        for _ in 0..<9 {
            try node.step(request)
            #expect(node.status.term == 1)
            #expect(sentMessages(node, storage).isEmpty)
            node.tick()
        }
        node.tick()
        try node.step(request)
        #expect(node.status.vote == 3)
    }

    @Test("§3.10 a restarted follower still votes at once for a leadership transfer")
    func restartedFollowerVotesForTransfer() throws {
        let (node, _) = makeNode(1, hardState: HardState(term: 1), configure: Self.leaseBased)
        try node.step(
            Message(
                type: .requestVote, to: 1, from: 3, term: 2, logTerm: 1, index: 5,
                context: RaftNode.transferCampaignContext))
        #expect(node.status.vote == 3)
    }

    @Test("§3.10 a leader that sent timeoutNow serves no more lease reads in its term")
    func transferForfeitsLease() throws {
        let network = clusterLedByOne()
        // The transferee never receives timeoutNow now — but a delayed one could still
        // arrive and make it campaign through every lease.
        network.isolate(2)
        try network[1].transferLeadership(to: 2)
        network.settle()
        network.isolate(3)
        try network[1].readIndex(context: bytes("after transfer"))
        network.settle()
        #expect(network[1].status.role == .leader)
        #expect(network.replica(1).readStates.isEmpty)
    }
}
