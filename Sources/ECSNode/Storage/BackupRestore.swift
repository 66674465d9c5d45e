import Admin
import Foundation
import KVStore
import Logging
import Raft

/// Starts a new data folder from the backup `ecsctl restore` placed in it (`PendingRestore`).
///
/// A restored region is a new Raft group that begins where the backup ends: the state is the
/// backup's copy, and its applied record names the backup's index and term with this start's
/// `--peers` as the voters (the old members' addresses are dropped; each node announces its own
/// again, as in a new cluster). `NodeStartup` then finds state ahead of an empty Raft log and
/// records it as the log's snapshot, so the log starts at the backup's index. Every node of the
/// restored region is started with the same `--peers` on a copy of the same backup, so all of
/// them begin from the identical state, index, term and voters, and agree without talking first.
///
/// The region keeps its cluster id (which is derived from its name, so that a node started with
/// `--join` later can compute it): stop every node of the old region before starting the restored
/// one, as `ecsctl restore`'s help says.
enum BackupRestore {
    static func installIfPending(
        in directory: DataDirectory, configuration: NodeConfiguration, logger: Logger
    ) throws(NodeStartError) {
        let pending = directory.pendingRestore
        guard FileManager.default.fileExists(atPath: pending) else { return }
        guard directory.isNew else {
            throw .dataDirectory("\(pending) waits to be restored, but the folder already holds a node's data")
        }
        guard !configuration.join else {
            throw .dataDirectory("a restored node is a founding member of the new region: start it without --join")
        }
        let backup: BackupFile.Verified
        do {
            backup = try BackupFile.verify(at: pending)
        } catch {
            throw .storage("the backup to restore (\(pending)): \(error)")
        }
        guard backup.header.region == configuration.region else {
            throw .dataDirectory(
                "the backup to restore is of region \(backup.header.region), not \(configuration.region)")
        }
        let voters = configuration.initialPeers.keys.map(NodeNaming.raftID(forNode:))
        do {
            try install(backup, from: pending, voters: voters, directory: directory)
            try FileManager.default.removeItem(atPath: pending)
            try DurableFile.syncDirectory(containing: pending)
        } catch {
            throw .storage("cannot restore the backup \(pending): \(error)")
        }
        logger.notice(
            "restored the backup of region \(backup.header.region) at index \(backup.header.appliedIndex) (sha256 \(backup.sha256)); voters \(configuration.initialPeers.keys.sorted())"
        )
    }

    /// Writes the backup's copy into a staging folder, makes it this region's start, and installs
    /// it as the state's generation. Repeatable: a crash before the pending file goes does it again.
    private static func install(
        _ backup: BackupFile.Verified, from pending: String, voters: [NodeID], directory: DataDirectory
    ) throws {
        let staging = directory.state + "/restore"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try BackupFile.extractPayload(of: backup, at: pending, to: staging + "/data.mdb")
        try restart(
            environmentAt: staging, index: backup.header.appliedIndex, term: backup.header.appliedTerm, voters: voters)
        try? FileManager.default.removeItem(atPath: staging + "/lock.mdb")
        _ = try StateGenerations(folder: directory.state).install(dataFile: staging + "/data.mdb")
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Rewrites the copy's node-level records for the new region: applied at the backup's index
    /// and term with `voters`, and no member addresses. Closed again before it is installed.
    private static func restart(environmentAt path: String, index: UInt64, term: UInt64, voters: [NodeID]) throws {
        var options = StateGenerations.options
        options.createIfMissing = false
        let environment = try Environment.open(at: path, options: options)
        try StateStore.prepareTables(in: environment)
        var confState = ConfState()
        confState.voters = Set(voters)
        try environment.write { transaction in
            try AppliedState(index: index, term: term, confState: confState).store(in: transaction, in: environment)
            _ = try transaction.deleteAll(in: try environment.database(MemberDirectory.databaseName))
        }
        try environment.sync()
    }
}
