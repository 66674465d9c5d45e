import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finishes a file written under a temporary name: flushes it, renames it over its final name and
/// flushes the folder, so that after a crash the final name holds either nothing (or the old
/// file) or the whole new one — never a prefix of it. Backups and pending restores end this way.
enum DurableRename {
    static func commit(_ temporary: String, as final: String) throws(BackupFileError) {
        try sync(temporary)
        guard rename(temporary, final) == 0 else { throw failure("rename \(temporary) to \(final)") }
        let folder = (final as NSString).deletingLastPathComponent
        try sync(folder.isEmpty ? "." : folder)
    }

    private static func sync(_ path: String) throws(BackupFileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync \(path)") }
    }

    private static func failure(_ operation: String) -> BackupFileError {
        .io("cannot \(operation): \(String(cString: strerror(errno)))")
    }
}
