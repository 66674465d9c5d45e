@testable import Raft

/// A node plus the Shell duties a test needs: durable storage and an applied state machine.
final class Replica {
    let node: RaftNode
    let storage: MemoryStorage
    /// Normal entries applied, in order (payloads only).
    private(set) var appliedData: [[UInt8]] = []
    private(set) var appliedIndex: UInt64 = 0
    private(set) var confStates: [ConfState] = []
    private(set) var readStates: [ReadState] = []

    init(node: RaftNode, storage: MemoryStorage) {
        self.node = node
        self.storage = storage
    }

    /// Runs one Ready cycle following the contract and returns the messages to deliver.
    @discardableResult
    func processReady() -> [Message] {
        guard node.hasReady else { return [] }
        let ready = node.ready()
        do {
            if let hardState = ready.hardState { storage.setHardState(hardState) }
            if let snapshot = ready.snapshot {
                try storage.applySnapshot(snapshot)
                appliedIndex = snapshot.metadata.index
            }
            try storage.append(ready.entries)
            for entry in ready.committedEntries {
                try apply(entry)
            }
        } catch {
            preconditionFailure("test shell failed: \(error)")
        }
        readStates += ready.readStates
        node.advance(ready)
        return ready.messages + ready.messagesAfterPersist
    }

    private func apply(_ entry: Entry) throws(RaftError) {
        appliedIndex = entry.index
        switch entry.kind {
        case .normal:
            if !entry.data.isEmpty { appliedData.append(entry.data) }
        case .confChange:
            let change = try ConfChange(decoding: entry.data)
            confStates.append(try node.applyConfChange(change))
        }
    }
}
