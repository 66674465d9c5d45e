import Foundation
import KVStore
import Raft

/// The snapshots this node took, as folders `snap-<term>-<index>/` holding one LMDB data file:
/// a compacted, consistent copy of the state environment at exactly that applied index. The
/// peer network streams `data.mdb` to members that are too far behind for the log.
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

    /// Copies `environment` (which has applied exactly `key.index`) into a new snapshot folder:
    /// written under a temporary name, flushed, then renamed, so a snapshot folder is always whole.
    func create(_ key: Key, from environment: Environment) throws {
        let final = folder(for: key)
        let temporary = final + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        try environment.copy(to: temporary, compact: true)
        try DurableFile.syncFile(at: temporary + "/data.mdb")
        try? FileManager.default.removeItem(atPath: final)
        try FileManager.default.moveItem(atPath: temporary, toPath: final)
        try DurableFile.syncDirectory(containing: final)
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
