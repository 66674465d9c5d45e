import Foundation
import KVStore
import Raft

extension ShellLoop {
    /// Starts a snapshot once `snapshotEntries` entries were applied since the last one.
    ///
    /// The copy runs on a thread of its own while this loop goes on (a copy of a large state
    /// takes long enough to stall every write); it flushes the state environment too, since the
    /// log may only be compacted once the state it replaces is on disk (the environment commits
    /// without flushing; see `StateGenerations`). `snapshotCaptured` records the result.
    func takeSnapshotIfDue() {
        guard capture == nil, applied.index >= lastSnapshotIndex + tuning.snapshotEntries else { return }
        let (environment, snapshots, started) = (stateStore.environment, snapshots, ContinuousClock.now)
        let finished = DispatchSemaphore(value: 0)
        capture = SnapshotCapture(started: started, finished: finished)
        let report = shellInbox
        DispatchQueue.global().async {
            let result = Result { () throws -> SnapshotMetadata in
                let metadata = try snapshots.capture(from: environment)
                try environment.sync()
                return metadata
            }
            report(.snapshotCaptured(result))
            finished.signal()
        }
    }

    /// Records a captured snapshot in the log and compacts the log behind it, keeping
    /// `snapshotCatchUpEntries` for slightly lagging peers. A capture that a snapshot from the
    /// leader overtook meanwhile is dropped.
    func snapshotCaptured(_ result: Result<SnapshotMetadata, any Error>) {
        guard let capture else { return }
        self.capture = nil
        let elapsed = ContinuousClock.now - capture.started
        switch result {
        case .failure(let error):
            RaftMetrics.shared.snapshotFailures.increment()
            logger.error("snapshot failed (will retry later): \(error)")
            lastSnapshotIndex = applied.index
        case .success(let metadata) where metadata.index <= lastSnapshotIndex:
            logger.info("snapshot at index \(metadata.index) dropped: a newer one is installed")
        case .success(let metadata):
            let compactTo =
                metadata.index > tuning.snapshotCatchUpEntries ? metadata.index - tuning.snapshotCatchUpEntries : 0
            do {
                // The log's commit index must not be behind its snapshot.
                persistDeferredHardState()
                try log.recordSnapshot(metadata, compactingThrough: compactTo)
                snapshots.prune(keeping: 2)
                lastSnapshotIndex = metadata.index
                recordSnapshotMetrics(metadata, elapsed: elapsed)
                logger.info("snapshot at index \(metadata.index) taken in \(elapsed); log compacted to \(compactTo)")
            } catch {
                RaftMetrics.shared.snapshotFailures.increment()
                logger.error("snapshot at index \(metadata.index) could not be recorded (will retry later): \(error)")
                lastSnapshotIndex = metadata.index
            }
        }
    }

    /// Reports a recorded snapshot's duration and the size of its data file.
    private func recordSnapshotMetrics(_ metadata: SnapshotMetadata, elapsed: Duration) {
        let metrics = RaftMetrics.shared
        metrics.snapshotDuration.record(duration: elapsed)
        if let file = snapshots.dataFile(for: SnapshotFiles.Key(metadata)),
            let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
        {
            metrics.snapshotSize.record(size)
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
