import Foundation

/// A backup waiting in a new data folder for `ecs-node` to start from it.
///
/// `ecsctl restore` knows nothing of a data folder's layout: it checks the backup and that the
/// folder is empty, and copies the backup in under `fileName`. The node started on that folder
/// (with the restored region's `--id` and `--peers`) finds it, verifies it again, and builds its
/// state and Raft log from it; the LMDB and Raft details stay in the node.
public enum PendingRestore {
    /// The name of the backup inside the data folder; the node looks for exactly this.
    public static let fileName = "restore.ecsbackup"

    /// Why a backup was not placed.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The data folder already holds something (a node's data, or another pending restore).
        case folderNotEmpty(String)
        /// The backup cannot be used.
        case backup(BackupFileError)

        public var description: String {
            switch self {
            case .folderNotEmpty(let folder):
                "\(folder) is not empty; restore into an empty or missing data folder"
            case .backup(let error): "\(error)"
            }
        }
    }

    /// Checks the backup at `backup` and places a copy of it in `folder` (created when missing,
    /// refused when it holds anything). Returns what the backup holds.
    public static func place(backup: String, into folder: String) throws(Refusal) -> BackupFile.Verified {
        let verified: BackupFile.Verified
        do {
            verified = try BackupFile.verify(at: backup)
        } catch {
            throw .backup(error)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard isFolder.boolValue, contents.isEmpty else { throw .folderNotEmpty(folder) }
        }
        let final = folder + "/" + fileName
        let temporary = final + ".partial"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: backup, toPath: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .backup(.io("cannot copy the backup into \(folder): \(error.localizedDescription)"))
        }
        do {
            try DurableRename.commit(temporary, as: final)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .backup(error)
        }
        return verified
    }
}
