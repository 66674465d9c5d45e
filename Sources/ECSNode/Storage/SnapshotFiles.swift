import Foundation
import KVStore
import Raft

/// The snapshots this node took, as folders `snap-<term>-<index>/` holding one LMDB data file:
/// a compacted, consistent copy of the state environment at exactly that applied index (and
/// `capture.partial` while one is being copied). The peer network streams `data.mdb` to
/// members that are too far behind for the log.
struct SnapshotFiles: Sendable {
    let folder: String

    /// Names one snapshot.
    struct Key: Hashable, Sendable {
        var term: UInt64
        var index: UInt64

        init(term: UInt64, index: UInt64) {
            self.term = term
            self.index = index
        }

        init(_ metadata: SnapshotMetadata) {
            self.init(term: metadata.term, index: metadata.index)
        }
    }

    func folder(for key: Key) -> String { "\(folder)/snap-\(key.term)-\(key.index)" }

    /// The data file of a snapshot, if this node has it.
    func dataFile(for key: Key) -> String? {
        let path = folder(for: key) + "/data.mdb"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Copies `environment` into a new snapshot folder while the shell goes on applying: LMDB's
    /// copy reads one consistent view, and the `AppliedState` inside the copy says which index
    /// that view is (hence the snapshot's name and metadata). Written under a temporary name,
    /// flushed, then renamed, so a snapshot folder is always whole.
    func capture(from environment: Environment) throws -> SnapshotMetadata {
        let temporary = folder + "/capture.partial"
        try? FileManager.default.removeItem(atPath: temporary)
        try environment.copy(to: temporary, compact: true)
        try DurableFile.syncFile(at: temporary + "/data.mdb")
        let metadata = try Self.appliedState(ofCopyAt: temporary).snapshotMetadata
        let final = self.folder(for: Key(metadata))
        try? FileManager.default.removeItem(atPath: final)
        try FileManager.default.moveItem(atPath: temporary, toPath: final)
        try DurableFile.syncDirectory(containing: final)
        return metadata
    }

    /// The applied state recorded in the copy at `path`, which this process just wrote (so its
    /// pages need no verification). Its lock file goes again: only `data.mdb` is a snapshot (or
    /// a backup's payload).
    static func appliedState(ofCopyAt path: String) throws -> AppliedState {
        var options = StateGenerations.options
        options.createIfMissing = false
        options.verifyOnOpen = false
        options.writesThroughMap = false
        let state = try {
            let copy = try Environment.open(at: path, options: options)
            // Opened before the read (a first open needs a transaction of its own); the table
            // exists, so this changes nothing in the copy.
            _ = try copy.database(AppliedState.databaseName, create: false)
            return try copy.read { transaction in try AppliedState.load(from: transaction, in: copy) }
        }()
        try? FileManager.default.removeItem(atPath: path + "/lock.mdb")
        return state
    }

    /// Deletes all snapshots but the newest `count` (and any partial copies).
    func prune(keeping count: Int) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var complete: [(Key, String)] = []
        for name in names {
            if name.hasSuffix(".partial") {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
                continue
            }
            let parts = name.split(separator: "-")
            guard parts.count == 3, parts[0] == "snap", let term = UInt64(parts[1]), let index = UInt64(parts[2])
            else { continue }
            complete.append((Key(term: term, index: index), name))
        }
        complete.sort { $0.0.index > $1.0.index }
        for (_, name) in complete.dropFirst(count) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
