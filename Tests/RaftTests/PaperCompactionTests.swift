import Testing

@testable import Raft

/// Raft paper §7 (log compaction and InstallSnapshot).
@Suite struct PaperCompactionTests {
    @Test("§7 a leader sends its snapshot to a follower whose entries were compacted")
    func lateFollowerGetsSnapshot() throws {
        let network = Network(voters: [1, 2, 3], configure: classic)
        #expect(network.elect(1))
        network.isolate(3)
        for text in ["a", "b", "c"] { try network.propose(1, text) }
        let leader = network.replica(1)
        try leader.storage.createSnapshot(
            at: leader.appliedIndex, confState: network[1].status.confState, data: bytes("abc"))
        try leader.storage.compact(through: leader.appliedIndex)
        network.heal()
        network.tick(1, times: 3)
        let snapshots = network.sent(.snapshot)
        #expect(snapshots.map(\.to) == [3])
        #expect(snapshots.first?.snapshot?.data == bytes("abc"))
        #expect(try network.replica(3).storage.snapshot().metadata.index == 4)
        #expect(network[3].status.appliedIndex == 4)
        try network.propose(1, "d")
        #expect(network.applied(3) == ["d"])
    }

    @Test("§7 a follower that already holds the snapshot's last entry keeps the entries after it")
    func matchingSnapshotIsNotRestored() throws {
        let (node, storage) = makeNode(2, logTerms: [1, 1, 1], hardState: HardState(term: 1))
        let snapshot = Snapshot(metadata: SnapshotMetadata(index: 2, term: 1, confState: ConfState(voters: [1, 2, 3])))
        try node.step(Message(type: .snapshot, to: 2, from: 1, term: 1, snapshot: snapshot))
        let ready = cycle(node, storage)
        #expect(ready.snapshot == nil)
        #expect(node.status.commitIndex == 2)
        #expect(try storage.lastIndex() == 3)
        #expect(ready.messagesAfterPersist.first?.index == 2)
    }

    @Test("§7 installing a snapshot replaces the log and adopts its configuration")
    func snapshotIsInstalled() throws {
        let (node, storage) = makeNode(2, logTerms: [1, 1], hardState: HardState(term: 2))
        let metadata = SnapshotMetadata(index: 10, term: 2, confState: ConfState(voters: [1, 2, 3, 4]))
        try node.step(Message(type: .snapshot, to: 2, from: 1, term: 2, snapshot: Snapshot(metadata: metadata)))
        let ready = node.ready()
        #expect(ready.snapshot?.metadata == metadata)
        #expect(ready.committedEntries.isEmpty)
        #expect(
            ready.messagesAfterPersist
                == [Message(type: .appendResponse, to: 2, from: 2, term: 2, index: 10)].map {
                    var response = $0
                    response.to = 1
                    return response
                })
        try storage.applySnapshot(ready.snapshot!)
        node.advance(ready)
        #expect(node.status.confState.voters == [1, 2, 3, 4])
        #expect(node.status.appliedIndex == 10)
        #expect(node.status.commitIndex == 10)
    }

    @Test("§7 a replica installs a snapshot whose configuration predates its own membership")
    func snapshotPredatingMembershipIsInstalled() throws {
        let storage = MemoryStorage()
        var config = RaftConfig(id: 4)
        classic(&config)
        let node = try RaftNode(config: config, storage: storage)
        let metadata = SnapshotMetadata(index: 10, term: 2, confState: ConfState(voters: [1, 2, 3]))
        try node.step(Message(type: .snapshot, to: 4, from: 1, term: 2, snapshot: Snapshot(metadata: metadata)))
        let ready = cycle(node, storage)
        #expect(ready.snapshot?.metadata == metadata)
        #expect(ready.messagesAfterPersist.map(\.index) == [10])
        #expect(node.status.confState == ConfState(voters: [1, 2, 3]))
        #expect(node.status.appliedIndex == 10)
    }

    /// Regression (simulation seed 47): the follower refused every snapshot that did not list
    /// it, so a replica (re-)added after the leader's latest snapshot answered each one with
    /// its old commit index and the leader sent the same snapshot again, forever.
    @Test("§7 a member added after the leader's latest snapshot is caught up with it, then learns of its addition")
    func memberAddedAfterSnapshotCatchesUp() throws {
        let network = Network.bootstrapped(voters: [1, 2, 3], configure: classic)
        network.add(4, storage: MemoryStorage(), configure: classic)
        #expect(network.elect(1))
        for text in ["a", "b"] { try network.propose(1, text) }
        let leader = network.replica(1)
        try leader.storage.createSnapshot(
            at: leader.appliedIndex, confState: network[1].status.confState, data: bytes("ab"))
        try leader.storage.compact(through: leader.appliedIndex)
        try network[1].proposeConfChange(ConfChange(steps: [.init(.addLearner, 4)]))
        network.settle()
        try network.propose(1, "c")
        #expect(network.sent(.snapshot).map(\.to) == [4])
        #expect(network[1].status.progress[4]?.state == .replicate)
        #expect(network[4].status.confState == ConfState(voters: [1, 2, 3], learners: [4]))
        #expect(network.applied(4) == ["c"])
    }

    @Test("§7 compacted entries are no longer readable from storage")
    func compactionDiscardsPrefix() throws {
        let storage = MemoryStorage()
        try storage.append((1...5).map { Entry(index: $0, term: 1) })
        try storage.compact(through: 3)
        #expect(try storage.firstIndex() == 4)
        #expect(try storage.term(at: 3) == 1)
        #expect(throws: RaftError.compacted) { try storage.entries(from: 2, to: 5, maxSize: .max) }
        #expect(throws: RaftError.compacted) { try storage.compact(through: 2) }
        #expect(throws: RaftError.snapshotOutOfDate) {
            try storage.applySnapshot(Snapshot())
        }
    }
}
