import Testing

@testable import Raft

/// Raft paper §5.3 (log replication) and §5.4.2 (committing entries from previous terms).
@Suite struct PaperReplicationTests {
    @Test("§5.3 a leader appends a proposal to its log and sends it to every follower")
    func leaderReplicatesProposal() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        try network[1].propose(bytes("x"))
        let ready = network[1].ready()
        #expect(ready.entries.map(\.data) == [bytes("x")])
        #expect(ready.entries.first?.term == 1)
        let appends = ready.messages.filter { $0.type == .append }
        #expect(appends.map(\.to) == [2, 3])
        #expect(appends.allSatisfy { $0.entries.map(\.data) == [bytes("x")] })
        network[1].advance(ready)
    }

    @Test("§5.3 an entry replicated on a majority is committed and applied on every server")
    func majorityCommits() throws {
        let network = Network(voters: [1, 2, 3, 4, 5], configure: classic)
        #expect(network.elect(1))
        network.isolate(4)
        network.isolate(5)
        try network.propose(1, "a")
        #expect(network.applied(1) == ["a"])
        #expect(network.applied(2) == ["a"])
        #expect(network.applied(4).isEmpty)
        network.heal()
        network.tick(1)
        #expect(network.applied(4) == ["a"])
        #expect(network.applied(5) == ["a"])
    }

    @Test("§5.3 without a majority nothing is committed")
    func minorityDoesNotCommit() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(2)
        network.isolate(3)
        try network.propose(1, "a")
        #expect(network.applied(1).isEmpty)
        #expect(network[1].status.commitIndex == 1)
    }

    @Test("§5.3 a follower rejects an append whose previous entry does not match, with a hint")
    func consistencyCheckRejects() throws {
        let (node, storage) = makeNode(2, logTerms: [1, 1, 2, 2, 2], hardState: HardState(term: 3))
        // The leader probes after index 5 at term 3; our entries 3...5 are term 2.
        try node.step(Message(type: .append, to: 2, from: 1, term: 3, logTerm: 3, index: 5))
        let response = try #require(sentMessages(node, storage).first)
        #expect(response.type == .appendResponse)
        #expect(response.reject)
        #expect(response.index == 5)
        #expect(response.rejectHint == 5)
        #expect(response.logTerm == 2)
    }

    @Test("§5.3 a follower deletes conflicting entries and adopts the leader's")
    func conflictingEntriesAreReplaced() throws {
        let (node, storage) = makeNode(2, logTerms: [1, 2, 2], hardState: HardState(term: 2))
        try node.step(
            Message(
                type: .append, to: 2, from: 1, term: 3, logTerm: 1, index: 1,
                entries: [Entry(index: 2, term: 3), Entry(index: 3, term: 3), Entry(index: 4, term: 3)],
                commit: 2))
        let ready = cycle(node, storage)
        #expect(ready.entries.map(\.term) == [3, 3, 3])
        #expect(try (1...4).map { try storage.term(at: $0) } == [1, 3, 3, 3])
        #expect(ready.hardState?.commit == 2)
        #expect(ready.messagesAfterPersist.first?.index == 4)
    }

    @Test("§5.3 the leader backs up over a whole conflicting term per rejection (Figure 7)")
    func fastBacktracking() throws {
        // Figure 7: leader for term 8 and follower (f), which holds many entries of terms 2 and 3.
        let network = Network(
            voters: [1, 2, 3],
            logTerms: [
                1: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6],
                2: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
                3: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6],
            ], configure: classic)
        #expect(network.elect(1))
        try network.propose(1, "after")
        let rejections = network.sent(.appendResponse).filter { $0.from == 2 && $0.reject }
        #expect(rejections.count <= 3)
        #expect(network.applied(2) == ["after"])
        #expect(try network.replica(2).storage.term(at: 4) == 4)
    }

    @Test("§5.3 the leader's commit index reaches followers with later messages")
    func commitIndexPropagates() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        try network.propose(1, "a")
        for id: NodeID in [1, 2, 3] {
            #expect(network[id].status.commitIndex == 2)
            #expect(network.applied(id) == ["a"])
        }
    }

    @Test("§5.4.2 a new leader appends an empty entry of its own term")
    func newLeaderAppendsEmptyEntry() {
        let (node, storage) = makeNode(1, voters: [1])
        node.campaign()
        cycle(node, storage)
        let ready = cycle(node, storage)
        #expect(ready.entries == [Entry(index: 1, term: 1)])
        #expect(node.status.role == .leader)
    }

    @Test("§5.4.2 a leader never commits an entry of an earlier term by counting replicas (Figure 8)")
    func earlierTermEntriesAreNotCommittedByCount() throws {
        let (node, storage) = makeNode(1, logTerms: [1, 2], hardState: HardState(term: 2))
        node.campaign()
        cycle(node, storage)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 3))
        #expect(node.status.role == .leader)
        cycle(node, storage)  // persists the empty entry 3 of term 3; self-acknowledged
        // Follower 2 holds entry 2 (term 2): a majority stores it, yet it is not committed.
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 3, index: 2))
        #expect(node.status.commitIndex == 0)
        // Once the term-3 entry is on a majority, everything up to it commits.
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 3, index: 3))
        #expect(node.status.commitIndex == 3)
    }

    @Test("§5.4.2 a leader counts its own entries only once they are persisted")
    func leaderAcknowledgesItselfAfterPersisting() throws {
        let (node, storage) = makeNode(1, voters: [1])
        node.campaign()
        cycle(node, storage)
        let ready = node.ready()
        #expect(ready.entries.count == 1)
        try storage.append(ready.entries)
        #expect(node.status.commitIndex == 0)
        node.advance(ready)
        #expect(node.status.commitIndex == 1)
    }
}
