import CLMDB
import Foundation

extension Environment {
    /// Writes a consistent copy of the whole environment into the folder at `destination`,
    /// which is created and must not hold a data file yet.
    ///
    /// The copy is taken from one read transaction, so it is a point-in-time snapshot even
    /// while writes go on; with `compact` (the default) free pages are left out and the pages
    /// renumbered, which makes the copy as small as the live data. Snapshots and backups use it.
    public func copy(to destination: String, compact: Bool = true) throws {
        let dataFile = (destination as NSString).appendingPathComponent(Self.dataFileName)
        guard !FileManager.default.fileExists(atPath: dataFile) else {
            throw StoreError(
                kind: .io, operation: "copy", message: "\(dataFile) already exists; refusing to overwrite it")
        }
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                kind: .io, operation: "copy", message: "cannot create \(destination): \(error.localizedDescription)")
        }
        try gate.shared {
            try check(
                mdb_env_copy2(handle, destination, compact ? UInt32(MDB_CP_COMPACT) : 0), "mdb_env_copy2",
                context: destination)
        }
    }
}
