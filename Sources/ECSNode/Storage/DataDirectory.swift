import Admin
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The layout of `--data-dir` and the identity it remembers.
///
/// ```
/// identity.json           cluster (region), node name and Raft id, written once
/// raft/                   the Raft log and hard state (its own LMDB environment, synced per Ready)
/// state/CURRENT           names the live generation of the state environment
/// state/gen-N/            the config tables and what was applied (replaced whole by a snapshot)
/// snapshots/snap-T-I/     consistent copies of the state, sent to lagging members
/// incoming/               snapshot transfers in progress
/// backups/                copies being sent as backups (emptied on start: a crash may leave some)
/// restore.ecsbackup       a backup `ecsctl restore` placed in a new folder (`BackupRestore`)
/// LOCK                    held while a node runs, so two processes never share the folder
/// ```
struct DataDirectory: Sendable {
    let root: String

    var identityFile: String { root + "/identity.json" }
    var raftLog: String { root + "/raft" }
    var state: String { root + "/state" }
    var snapshots: String { root + "/snapshots" }
    var incomingSnapshots: String { root + "/incoming" }
    var backups: String { root + "/backups" }
    var pendingRestore: String { root + "/" + PendingRestore.fileName }
    var lockFile: String { root + "/LOCK" }

    /// Creates the folder and its sub-folders when missing, and empties `backups/`, whose copies
    /// were being sent by a process that is gone.
    func prepare() throws(NodeStartError) {
        try? FileManager.default.removeItem(atPath: backups)
        for folder in [root, state, snapshots, incomingSnapshots, backups] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .dataDirectory("cannot create \(folder): \(error.localizedDescription)")
            }
        }
    }

    /// Takes the folder's lock for the life of the process (the descriptor is never closed), so a
    /// second node started on the same folder stops with a clear message instead of corrupting it.
    func lockForThisProcess() throws(NodeStartError) {
        let descriptor = open(lockFile, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .dataDirectory("cannot open \(lockFile): errno \(errno)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .dataDirectory("\(root) is in use by another ecs-node process")
        }
    }

    /// Whether this folder has never held a node (no identity written yet).
    var isNew: Bool { !FileManager.default.fileExists(atPath: identityFile) }

    /// Checks that the folder belongs to this node and cluster, or records that it does.
    func claim(for identity: NodeIdentity) throws(NodeStartError) {
        if isNew {
            try identity.write(to: identityFile)
            return
        }
        let stored = try NodeIdentity.read(from: identityFile)
        guard stored.region == identity.region, stored.clusterID == identity.clusterID else {
            throw .dataDirectory(
                "\(root) belongs to region \(stored.region) (cluster \(stored.clusterID)), not \(identity.region)")
        }
        guard stored.node == identity.node else {
            throw .dataDirectory("\(root) belongs to node \(stored.node), not \(identity.node)")
        }
    }
}

/// Who a data folder belongs to: written on first start, checked on every later one.
struct NodeIdentity: Codable, Equatable, Sendable {
    var format = 1
    var region: String
    /// Hex of the 16-byte cluster id derived from the region (`NodeNaming.clusterID`).
    var clusterID: String
    var node: String
    /// Hex of the Raft id.
    var raftID: String

    init(region: String, node: String) {
        self.region = region
        self.node = node
        let cluster = NodeNaming.clusterID(forRegion: region)
        self.clusterID = Self.hex(cluster.high) + Self.hex(cluster.low)
        self.raftID = Self.hex(NodeNaming.raftID(forNode: node))
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func read(from path: String) throws(NodeStartError) -> NodeIdentity {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .dataDirectory("cannot read \(path)")
        }
        do {
            return try JSONDecoder().decode(NodeIdentity.self, from: data)
        } catch {
            throw .dataDirectory("\(path) is damaged (\(error)); it is not an ecs-node identity file")
        }
    }

    func write(to path: String) throws(NodeStartError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try DurableFile.write(try encoder.encode(self), to: path)
        } catch {
            throw .dataDirectory("cannot write \(path): \(error)")
        }
    }
}
