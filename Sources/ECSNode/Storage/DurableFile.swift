import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Small files that must survive a crash whole or not at all (identity, the state generation
/// pointer): written to a temporary name, flushed, renamed over the target, and the folder
/// flushed so the rename itself is durable.
enum DurableFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno: errno, operation: "open \(temporary)") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { throw POSIXError(errno: errno, operation: "write \(temporary)") }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw POSIXError(errno: errno, operation: "fsync \(temporary)") }
        guard rename(temporary, path) == 0 else { throw POSIXError(errno: errno, operation: "rename \(path)") }
        try syncDirectory(containing: path)
    }

    /// Flushes a folder's entries, making renames and creations in it durable.
    static func syncDirectory(containing path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(errno: errno, operation: "open \(folder)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(errno: errno, operation: "fsync \(folder)") }
    }

    /// Flushes one file's contents.
    static func syncFile(at path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(errno: errno, operation: "open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(errno: errno, operation: "fsync \(path)") }
    }
}

/// A failed system call, with what was being done.
struct POSIXError: Error, CustomStringConvertible {
    var errno: Int32
    var operation: String
    var description: String { "\(operation): \(String(cString: strerror(errno)))" }
}
