import Testing

@testable import Raft

/// Flow control and resource bounds (thesis §10.2.1): in-flight windows, message size,
/// uncommitted log size, apply batch size.
@Suite struct FlowControlTests {
    /// Leader 1 of {1, 2} whose follower 2 is in replicate state after the first entry.
    private func replicatingLeader(
        _ configure: @escaping (inout RaftConfig) -> Void
    ) throws -> (RaftNode, MemoryStorage) {
        let (node, storage) = makeNode(1, voters: [1, 2]) {
            classic(&$0)
            configure(&$0)
        }
        node.campaign()
        cycle(node, storage)
        try node.step(Message(type: .requestVoteResponse, to: 1, from: 2, term: 1))
        cycle(node, storage)
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 1, index: 1))
        cycle(node, storage)
        #expect(node.status.progress[2]?.state == .replicate)
        return (node, storage)
    }

    private func appends(_ messages: [Message]) -> [Message] { messages.filter { $0.type == .append } }

    @Test("thesis §10.2.1 at most maxInflightMessages appends are outstanding per follower")
    func inflightCountWindow() throws {
        let (node, storage) = try replicatingLeader {
            $0.maxInflightMessages = 2
            $0.maxSizePerMessage = 1
        }
        for _ in 0..<5 { try node.propose(bytes("p")) }
        #expect(appends(sentMessages(node, storage)).count == 2)
        #expect(node.status.progress[2]?.inflightCount == 2)
        // An acknowledgement frees the window and the next entries flow.
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 1, index: 3))
        #expect(appends(sentMessages(node, storage)).count == 2)
    }

    /// Regression (simulation seeds 43, 28): the network lost every append of a full window;
    /// the leader stayed in replicate with the window full and sent nothing more, forever.
    @Test("thesis §10.2.1 a full window whose appends were lost is freed via the next heartbeat response")
    func lostWindowRecoversThroughRejection() throws {
        let (node, storage) = try replicatingLeader { $0.maxInflightMessages = 1 }
        try node.propose(bytes("a"))
        #expect(appends(sentMessages(node, storage)).map(\.entries.count) == [1])  // lost
        try node.propose(bytes("b"))
        #expect(appends(sentMessages(node, storage)).isEmpty)  // window full
        // The follower is alive: its heartbeat answer lets an empty append through at the
        // end of the window.
        try node.step(Message(type: .heartbeatResponse, to: 1, from: 2, term: 1))
        let probe = appends(sentMessages(node, storage))
        #expect(probe.map(\.index) == [2])
        #expect(probe.first?.entries.isEmpty == true)
        // The follower never got entry 2: its rejection sends the leader back to probing.
        try node.step(
            Message(type: .appendResponse, to: 1, from: 2, term: 1, logTerm: 1, index: 2, reject: true, rejectHint: 1))
        #expect(node.status.progress[2]?.state == .probe)
        #expect(appends(sentMessages(node, storage)).map { $0.entries.map(\.index) } == [[2, 3]])
    }

    @Test("thesis §10.2.1 when only the acknowledgements were lost, the empty append's answer frees the window")
    func lostAcknowledgementsRecover() throws {
        let (node, storage) = try replicatingLeader { $0.maxInflightMessages = 1 }
        try node.propose(bytes("a"))
        try node.propose(bytes("b"))
        #expect(appends(sentMessages(node, storage)).map { $0.entries.map(\.index) } == [[2]])
        try node.step(Message(type: .heartbeatResponse, to: 1, from: 2, term: 1))
        #expect(appends(sentMessages(node, storage)).map(\.index) == [2])
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 1, index: 2))
        #expect(node.status.progress[2]?.state == .replicate)
        #expect(node.status.progress[2]?.match == 2)
        #expect(appends(sentMessages(node, storage)).map { $0.entries.map(\.index) } == [[3]])
    }

    @Test("thesis §10.2.1 the in-flight window is also bounded by bytes")
    func inflightByteWindow() throws {
        let (node, storage) = try replicatingLeader {
            $0.maxInflightBytes = 10
            $0.maxSizePerMessage = 1
        }
        for _ in 0..<4 { try node.propose(bytes("sixsix")) }
        #expect(appends(sentMessages(node, storage)).count == 2)
    }

    @Test("thesis §10.2.1 entries are batched into appends of at most maxSizePerMessage")
    func batchingBySize() throws {
        let network = Network(voters: [1, 2]) {
            classic(&$0)
            $0.maxSizePerMessage = 100
        }
        #expect(network.elect(1))
        network.isolate(2)
        for _ in 0..<10 { try network[1].propose([UInt8](repeating: 1, count: 30)) }
        network.settle()
        network.heal()
        network.tick(1)
        let batches = network.sent(.append).filter { $0.to == 2 && !$0.entries.isEmpty }.suffix(4)
        #expect(batches.allSatisfy { $0.entries.count <= 2 })
        #expect(network.applied(2).count == 10)
    }

    @Test("the leader refuses proposals once its uncommitted log is full, except empty ones")
    func uncommittedSizeLimit() throws {
        let network = Network(voters: [1, 2, 3]) {
            classic(&$0)
            $0.maxUncommittedEntriesSize = 10
        }
        #expect(network.elect(1))
        network.isolate(2)
        network.isolate(3)
        try network[1].propose([UInt8](repeating: 0, count: 8))
        #expect(throws: RaftError.proposalDropped) { try network[1].propose([UInt8](repeating: 0, count: 8)) }
        try network[1].propose([])
        network.heal()
        network.tick(1)
        try network[1].propose([UInt8](repeating: 0, count: 8))
    }

    @Test("committed entries are handed out in batches of at most maxCommittedSizePerReady")
    func applyBatchLimit() throws {
        let (node, storage) = makeNode(1, voters: [1]) {
            classic(&$0)
            $0.maxCommittedSizePerReady = 250
        }
        node.campaign()
        cycle(node, storage)
        cycle(node, storage)
        for _ in 0..<3 { try node.propose([UInt8](repeating: 0, count: 100)) }
        cycle(node, storage)
        #expect(cycle(node, storage).committedEntries.map(\.index) == [2, 3])
        #expect(cycle(node, storage).committedEntries.map(\.index) == [4])
    }

    @Test("an unreachable follower is probed instead of streamed to")
    func reportUnreachable() throws {
        let (node, _) = try replicatingLeader { _ in }
        node.reportUnreachable(2)
        #expect(node.status.progress[2]?.state == .probe)
    }

    @Test("§7 after a snapshot report the leader probes the follower again")
    func reportSnapshot() throws {
        let (node, storage) = try replicatingLeader { _ in }
        try node.propose(bytes("a"))
        cycle(node, storage)
        try storage.createSnapshot(at: 2, confState: ConfState(voters: [1, 2]), data: [])
        try storage.compact(through: 2)
        // The follower lost everything: it rejects, the leader needs the compacted entries.
        try node.step(Message(type: .appendResponse, to: 1, from: 2, term: 1, index: 2, reject: true, rejectHint: 0))
        let snapshots = sentMessages(node, storage).filter { $0.type == .snapshot }
        #expect(snapshots.count == 1)
        #expect(node.status.progress[2]?.state == .snapshot(pendingIndex: 2))
        node.reportSnapshot(to: 2, status: .finished)
        #expect(node.status.progress[2]?.state == .probe)
        #expect(node.status.progress[2]?.next == 3)
    }
}
