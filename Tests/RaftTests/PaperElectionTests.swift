import Testing

@testable import Raft

/// Raft paper §5.1 (basics), §5.2 (leader election) and §5.4.1 (election restriction).
@Suite struct PaperElectionTests {
    @Test("§5.1 a server that sees a higher term adopts it and becomes follower")
    func higherTermIsAdopted() throws {
        let (follower, _) = makeNode(1)
        let (candidate, _) = makeNode(1)
        candidate.campaign()
        let (leader, leaderStorage) = makeNode(1, voters: [1])
        leader.campaign()
        cycle(leader, leaderStorage)
        #expect(leader.status.role == .leader)
        for node in [follower, candidate, leader] {
            try node.step(Message(type: .heartbeat, to: 1, from: 2, term: 7))
            #expect(node.status.role == .follower)
            #expect(node.status.term == 7)
            #expect(node.status.leader == 2)
        }
    }

    @Test("§5.1 a request with a stale term is rejected")
    func staleTermIsRejected() throws {
        let (node, storage) = makeNode(1, hardState: HardState(term: 5)) { $0.preVote = true }
        try node.step(
            Message(type: .append, to: 1, from: 2, term: 3, entries: [Entry(index: 1, term: 3)]))
        let messages = sentMessages(node, storage)
        #expect(node.status.term == 5)
        #expect(try storage.lastIndex() == 0)
        // The stale leader is told about the newer term so it steps down.
        #expect(messages == [Message(type: .appendResponse, to: 2, from: 1, term: 5)])
    }

    @Test("§5.1 term and vote are persisted before the vote is sent")
    func voteIsPersistedBeforeResponding() throws {
        let (node, storage) = makeNode(1)
        try node.step(Message(type: .requestVote, to: 1, from: 2, term: 1))
        let ready = cycle(node, storage)
        #expect(ready.hardState == HardState(term: 1, vote: 2, commit: 0))
        #expect(ready.mustSync)
        #expect(ready.messages.isEmpty)
        #expect(ready.messagesAfterPersist == [Message(type: .requestVoteResponse, to: 2, from: 1, term: 1)])
    }

    @Test("§5.2 a follower that hears nothing becomes a candidate")
    func followerTimesOut() {
        let (node, storage) = makeNode(1)
        tickPastElectionTimeout(node)
        #expect(node.status.role == .candidate)
        #expect(node.status.term == 1)
        let requests = sentMessages(node, storage).filter { $0.type == .requestVote }
        #expect(requests.map(\.to) == [2, 3])
        #expect(requests.allSatisfy { $0.term == 1 })
    }

    @Test("§5.2 a candidate votes for itself")
    func candidateVotesForItself() {
        let (node, _) = makeNode(1)
        node.campaign()
        #expect(node.status.vote == 1)
    }

    @Test("§5.2 a candidate with votes from a majority becomes leader")
    func majorityWins() throws {
        let (node, storage) = makeNode(1, voters: [1, 2, 3, 4, 5])
        node.campaign()
        cycle(node, storage)  // persists the own vote
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 1))
        #expect(node.status.role == .candidate)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 3, term: 1))
        #expect(node.status.role == .leader)
    }

    @Test("§5.2 a candidate whose votes can no longer win returns to follower")
    func majorityRejectionLoses() throws {
        let (node, storage) = makeNode(1)
        node.campaign()
        cycle(node, storage)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 1, reject: true))
        #expect(node.status.role == .candidate)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 3, term: 1, reject: true))
        #expect(node.status.role == .follower)
        #expect(node.status.term == 1)
    }

    @Test("§5.2 a server votes for at most one candidate per term")
    func oneVotePerTerm() throws {
        let (node, storage) = makeNode(1)
        try node.step(Message(type: .requestVote, to: 1, from: 2, term: 1))
        try node.step(Message(type: .requestVote, to: 1, from: 3, term: 1))
        // Repeating the request of the candidate we voted for is granted again.
        try node.step(Message(type: .requestVote, to: 1, from: 2, term: 1))
        let responses = sentMessages(node, storage).filter { $0.type == .requestVoteResponse }
        #expect(responses.map(\.reject) == [false, true, false])
        #expect(node.status.vote == 2)
    }

    @Test("§5.2 a candidate that hears from a leader of its term becomes follower")
    func candidateYieldsToLeader() throws {
        let (node, _) = makeNode(1)
        node.campaign()
        try node.step(Message(type: .append, to: 1, from: 3, term: 1))
        #expect(node.status.role == .follower)
        #expect(node.status.leader == 3)
    }

    @Test("§5.2 election timeouts are drawn from [T, 2T) and differ between seeds")
    func randomizedTimeouts() {
        var timeouts: Set<Int> = []
        for seed in UInt64(1)...20 {
            let (node, _) = makeNode(1) { config in
                classic(&config)
                config.randomGenerator = SeededGenerator(seed: seed)
            }
            #expect((10..<20).contains(node.randomizedElectionTimeout))
            timeouts.insert(node.randomizedElectionTimeout)
        }
        #expect(timeouts.count > 1)
    }

    @Test("§5.2 the same seed gives the same timeouts (determinism)")
    func seededDeterminism() {
        let first = makeNode(1).0
        let second = makeNode(1).0
        #expect(first.randomizedElectionTimeout == second.randomizedElectionTimeout)
    }

    @Test("§5.2 a leader's heartbeats keep followers from starting elections")
    func heartbeatsPreventElections() {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.tickAll(times: 50)
        #expect(network[1].status.role == .leader)
        #expect(network[1].status.term == 1)
        #expect(!network.sent(.heartbeat).isEmpty)
    }

    @Test("§5.2 a partitioned leader is replaced and steps down when it hears the new term")
    func partitionedLeaderIsReplaced() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(1)
        #expect(network.elect(2))
        #expect(network[2].status.term == 2)
        network.heal()
        network.tick(2)
        #expect(network[1].status.role == .follower)
        #expect(network[1].status.leader == 2)
        #expect(network[1].status.term == 2)
    }

    @Test("§5.4.1 a voter denies its vote to a candidate whose log is less up-to-date")
    func electionRestriction() throws {
        let (node, storage) = makeNode(1, logTerms: [1, 2], hardState: HardState(term: 2))
        // Lower last term, longer log: denied.
        try node.step(Message(type: .requestVote, to: 1, from: 2, term: 3, logTerm: 1, index: 5))
        // Same last term, shorter log: denied.
        try node.step(Message(type: .requestVote, to: 1, from: 3, term: 4, logTerm: 2, index: 1))
        // Same last term, same length: granted.
        try node.step(Message(type: .requestVote, to: 1, from: 3, term: 5, logTerm: 2, index: 2))
        let responses = sentMessages(node, storage).filter { $0.type == .requestVoteResponse }
        #expect(responses.map(\.reject) == [true, true, false])
    }

    @Test("§5.4.1 a node whose log lacks committed entries cannot become leader")
    func staleNodeCannotWin() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(3)
        try network.propose(1, "committed")
        network.heal()
        network.isolate(1)
        #expect(!network.elect(3))
        #expect(network.elect(2))
        #expect(network.applied(2) == ["committed"])
    }
}
