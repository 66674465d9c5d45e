@testable import Raft

/// Settings that isolate the rules of the Raft paper (no pre-vote, no check-quorum).
func classic(_ config: inout RaftConfig) {
    config.preVote = false
    config.checkQuorum = false
}

/// A stand-alone node of a cluster of `voters`, optionally with pre-existing log entries
/// (given as terms, indexes starting at 1) and hard state.
func makeNode(
    _ id: NodeID, voters: Set<NodeID> = [1, 2, 3], learners: Set<NodeID> = [], logTerms: [UInt64] = [],
    hardState: HardState = HardState(), configure: (inout RaftConfig) -> Void = classic
) -> (RaftNode, MemoryStorage) {
    let storage = MemoryStorage(bootstrap: ConfState(voters: voters, learners: learners))
    do {
        try storage.append(logTerms.enumerated().map { Entry(index: UInt64($0.offset + 1), term: $0.element) })
        storage.setHardState(hardState)
        var config = RaftConfig(id: id)
        configure(&config)
        return (try RaftNode(config: config, storage: storage), storage)
    } catch {
        preconditionFailure("fixture failed: \(error)")
    }
}

/// Runs one Ready cycle (persisting into `storage`) and returns the Ready.
@discardableResult
func cycle(_ node: RaftNode, _ storage: MemoryStorage) -> Ready {
    let ready = node.ready()
    do {
        if let hardState = ready.hardState { storage.setHardState(hardState) }
        if let snapshot = ready.snapshot { try storage.applySnapshot(snapshot) }
        try storage.append(ready.entries)
    } catch {
        preconditionFailure("cycle failed: \(error)")
    }
    node.advance(ready)
    return ready
}

/// All outgoing messages of one Ready cycle.
func sentMessages(_ node: RaftNode, _ storage: MemoryStorage) -> [Message] {
    let ready = cycle(node, storage)
    return ready.messages + ready.messagesAfterPersist
}

/// Ticks until the node's election timeout surely elapsed (2 × electionTick).
func tickPastElectionTimeout(_ node: RaftNode, electionTick: Int = 10) {
    for _ in 0..<(2 * electionTick) { node.tick() }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
