import Raft

/// Three (or more) `RaftNode`s wired together in memory, driven by the Ready contract with no
/// faults and no delays: the fastest the consensus core itself can go, so that the node's
/// throughput can be judged against it.
final class InMemoryCluster {
    private let nodes: [RaftNode]
    private let storages: [MemoryStorage]
    private var mailbox: [Message] = []
    /// The messages being delivered while new ones collect in `mailbox`; the two buffers
    /// are swapped each round so that neither is ever reallocated.
    private var delivering: [Message] = []
    /// Entries applied by the leader.
    private(set) var appliedAtLeader = 0

    init(voters: Int) throws {
        let ids = (1...voters).map(NodeID.init)
        storages = ids.map { _ in MemoryStorage(bootstrap: ConfState(voters: Set(ids))) }
        nodes = try zip(ids, storages).map { id, storage in
            var config = RaftConfig(id: id)
            config.maxSizePerMessage = 1 << 20
            config.maxInflightMessages = 256
            return try RaftNode(config: config, storage: storage)
        }
    }

    var leader: RaftNode { nodes[0] }

    /// Makes the first node leader and commits its empty entry.
    func electLeader() {
        leader.campaign()
        pump()
        precondition(leader.status.role == .leader, "node 1 did not win an uncontested election")
    }

    /// Proposes `count` entries of `payload` to the leader and runs the cluster until every
    /// one of them is applied by the leader.
    func commit(_ count: Int, payload: [UInt8]) throws {
        let target = appliedAtLeader + count
        for _ in 0..<count { try leader.propose(payload) }
        while appliedAtLeader < target { pump() }
    }

    /// Processes Readies and delivers messages until the cluster is quiet.
    func pump() {
        var busy = true
        while busy {
            busy = false
            for (position, node) in nodes.enumerated() where node.hasReady {
                busy = true
                handleReady(of: node, storage: storages[position], isLeader: position == 0)
            }
            swap(&mailbox, &delivering)
            for message in delivering {
                busy = true
                try? nodes[Int(message.to) - 1].step(message)
            }
            delivering.removeAll(keepingCapacity: true)
        }
    }

    private func handleReady(of node: RaftNode, storage: MemoryStorage, isLeader: Bool) {
        let ready = node.ready()
        mailbox.append(contentsOf: ready.messages)
        do {
            try storage.append(ready.entries)
        } catch {
            preconditionFailure("in-memory append failed: \(error)")
        }
        if let hardState = ready.hardState { storage.setHardState(hardState) }
        mailbox.append(contentsOf: ready.messagesAfterPersist)
        if isLeader { appliedAtLeader += ready.committedEntries.count { $0.kind == .normal && !$0.data.isEmpty } }
        node.advance(ready)
    }
}
