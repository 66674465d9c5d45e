import Foundation
import KVStore
import Raft

extension ShellLoop {
    /// Takes a snapshot once `snapshotEntries` entries were applied since the last one, then
    /// compacts the log behind it, keeping `snapshotCatchUpEntries` for slightly lagging peers.
    ///
    /// The copy runs on this thread between two applies, so it holds exactly `applied.index`.
    /// The state is synced first: the log may only be compacted once the state it replaces
    /// is on disk (the state environment commits without flushing; see `StateGenerations`).
    func takeSnapshotIfDue() {
        guard applied.index >= lastSnapshotIndex + tuning.snapshotEntries else { return }
        let metadata = applied.snapshotMetadata
        let environment = stateStore.environment
        let started = ContinuousClock.now
        persistDeferredHardState()
        do {
            try environment.sync()
            try snapshots.create(SnapshotFiles.Key(metadata), from: environment)
            let compactTo =
                metadata.index > tuning.snapshotCatchUpEntries
                ? metadata.index - tuning.snapshotCatchUpEntries : 0
            try log.recordSnapshot(metadata, compactingThrough: compactTo)
            snapshots.prune(keeping: 2)
            lastSnapshotIndex = metadata.index
            logger.info(
                "snapshot at index \(metadata.index) taken in \(ContinuousClock.now - started); log compacted to \(compactTo)"
            )
        } catch {
            logger.error("snapshot at index \(metadata.index) failed (will retry later): \(error)")
            lastSnapshotIndex = metadata.index
        }
    }

    /// Replaces the state with a snapshot the leader sent, before the log records it (so that a
    /// crash in between restarts with state at least as new as the log; see `NodeStartup`).
    func installSnapshot(_ metadata: SnapshotMetadata) {
        let key = SnapshotFiles.Key(metadata)
        guard let file = receivedSnapshots.removeValue(forKey: key) else {
            fatalError("ecs-node: Raft accepted snapshot \(key) but its data file is missing")
        }
        for (other, path) in receivedSnapshots where other.index <= metadata.index {
            try? FileManager.default.removeItem(atPath: path)
            receivedSnapshots[other] = nil
        }
        do {
            try stateStore.environment.sync()
            let environment = try generations.install(dataFile: file)
            try StateStore.prepareTables(in: environment)
            let (state, records) = try environment.read { transaction in
                (
                    try AppliedState.load(from: transaction, in: environment),
                    try MemberDirectory.all(in: transaction, environment: environment)
                )
            }
            guard state.index == metadata.index, state.term == metadata.term else {
                fatalError(
                    "ecs-node: snapshot \(key) holds state at index \(state.index) term \(state.term); refusing it")
            }
            stateStore.replace(with: environment)
            applied = state
            members = records
            lastSnapshotIndex = metadata.index
            messenger.updatePeers(peerAddresses())
            logger.info("installed the leader's snapshot at index \(metadata.index)")
        } catch {
            fatalError("ecs-node: cannot install snapshot \(key): \(error)")
        }
    }
}
