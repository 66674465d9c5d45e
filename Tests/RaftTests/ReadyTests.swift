import Testing

@testable import Raft

/// The Ready contract, restart, status and tracing.
@Suite struct ReadyTests {
    @Test("leader appends go out immediately; follower acknowledgements wait for persistence")
    func messageSplit() throws {
        let (leader, leaderStorage) = makeNode(1, voters: [1, 2])
        leader.campaign()
        cycle(leader, leaderStorage)
        try leader.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 1))
        let leaderReady = cycle(leader, leaderStorage)
        #expect(leaderReady.messages.map(\.type) == [.append])
        #expect(leaderReady.messagesAfterPersist.isEmpty)

        let (follower, followerStorage) = makeNode(2, voters: [1, 2])
        try follower.step(leaderReady.messages[0])
        let followerReady = cycle(follower, followerStorage)
        #expect(followerReady.entries.count == 1)
        #expect(followerReady.messages.isEmpty)
        #expect(followerReady.messagesAfterPersist.map(\.type) == [.appendResponse])
    }

    @Test("hasReady is false between ready() and advance(_:)")
    func oneReadyAtATime() throws {
        let (node, storage) = makeNode(1, voters: [1])
        node.campaign()
        #expect(node.hasReady)
        let ready = node.ready()
        node.tick()
        #expect(!node.hasReady)
        try storage.append(ready.entries)
        node.advance(ready)
        #expect(node.hasReady)
    }

    @Test("a restarted node resumes from storage and does not re-deliver applied entries")
    func restart() throws {
        let (node, storage) = makeNode(1, voters: [1])
        node.campaign()
        cycle(node, storage)
        try node.propose(bytes("a"))
        try node.propose(bytes("b"))
        for _ in 0..<3 { cycle(node, storage) }
        #expect(node.status.commitIndex == 3)
        var config = RaftConfig(id: 1)
        config.applied = 2
        let restarted = try RaftNode(config: config, storage: storage)
        #expect(restarted.status.term == 1)
        #expect(restarted.status.vote == 1)
        #expect(restarted.status.commitIndex == 3)
        #expect(restarted.ready().committedEntries.map(\.data) == [bytes("b")])
    }

    @Test("configuration validation refuses inconsistent settings")
    func validation() {
        var config = RaftConfig(id: 0)
        #expect(throws: RaftError.invalidConfig(.zeroNodeID)) { try config.validate() }
        config.id = 1
        config.electionTick = 1
        #expect(throws: RaftError.invalidConfig(.electionTickNotGreaterThanHeartbeatTick)) { try config.validate() }
        config.electionTick = 10
        config.maxInflightBytes = 10
        #expect(throws: RaftError.invalidConfig(.maxInflightBytesBelowMessageSize)) { try config.validate() }
    }

    @Test("status reports role, indexes and per-peer progress on the leader")
    func status() throws {
        let network = Network(voters: [1, 2, 3])
        #expect(network.elect(1))
        try network.propose(1, "a")
        let status = network[1].status
        #expect(status.role == .leader)
        #expect(status.leader == 1)
        #expect(status.commitIndex == 2)
        #expect(status.appliedIndex == 2)
        #expect(status.progress[2]?.match == 2)
        #expect(status.progress[2]?.state == .replicate)
        #expect(status.progress[3]?.recentActive == true)
        #expect(network[2].status.progress.isEmpty)
        #expect(network[2].status.leader == 1)
    }

    @Test("trace events are reported when enabled and absent otherwise")
    func tracing() {
        let (traced, tracedStorage) = makeNode(1, voters: [1]) {
            classic(&$0)
            $0.traceEnabled = true
        }
        traced.campaign()
        var events = cycle(traced, tracedStorage).trace
        events += cycle(traced, tracedStorage).trace
        events += cycle(traced, tracedStorage).trace
        #expect(events.contains(.roleChanged(role: .candidate, term: 1, leader: nil)))
        #expect(events.contains(.roleChanged(role: .leader, term: 1, leader: 1)))
        #expect(events.contains(.committed(index: 1)))

        let (quiet, quietStorage) = makeNode(1, voters: [1])
        quiet.campaign()
        #expect(cycle(quiet, quietStorage).trace.isEmpty)
    }

    @Test("responses from replicas outside the configuration are refused")
    func unknownPeer() {
        let (node, _) = makeNode(1)
        #expect(throws: RaftError.unknownPeer(9)) {
            try node.step(Message(type: .appendResponse, to: 1, from: 9, term: 1))
        }
    }
}
