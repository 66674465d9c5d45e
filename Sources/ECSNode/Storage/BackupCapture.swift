import Admin
import Foundation
import KVStore

/// A consistent copy of the state environment taken for a backup (`GET /v1/cluster/snapshot`),
/// in a scratch folder of its own until the answer is sent.
///
/// The copy is LMDB's compacting copy (one read transaction, so writes go on meanwhile), the
/// same as a Raft snapshot's; the `AppliedState` inside it says which index and term it is.
struct BackupCapture: Sendable {
    /// The header of the backup file this copy is the payload of.
    let header: BackupHeader
    /// The copy's LMDB data file.
    let dataFile: String
    private let folder: String

    /// Copies `environment` into a new folder under `scratch`. Blocking: run it off the event
    /// loops and the cooperative pool.
    static func take(
        from environment: Environment, region: String, into scratch: String, now: Date
    ) throws
        -> BackupCapture
    {
        let folder = scratch + "/backup-" + UUID().uuidString
        do {
            try environment.copy(to: folder, compact: true)
            let applied = try SnapshotFiles.appliedState(ofCopyAt: folder)
            let dataFile = folder + "/data.mdb"
            let size = try FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? UInt64 ?? 0
            let cluster = NodeNaming.clusterID(forRegion: region)
            let header = BackupHeader(
                region: region, clusterID: bigEndianBytes(cluster.high) + bigEndianBytes(cluster.low),
                appliedIndex: applied.index, appliedTerm: applied.term, createdAt: now, payloadLength: size)
            return BackupCapture(header: header, dataFile: dataFile, folder: folder)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Deletes the copy.
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
