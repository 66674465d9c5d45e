#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file operation that failed, with the path and the system's reason, for the log.
struct SnapshotFileError: Error, CustomStringConvertible {
    let operation: String
    let path: String
    let code: Int32

    var description: String {
        "\(operation) \(path): \(String(cString: strerror(code)))"
    }
}

/// The blocking POSIX file operations of snapshot transfers. Every function here blocks, so
/// callers run them on an `NIOThreadPool`, never on an event loop or the cooperative pool
/// (closing and unlinking during cleanup excepted: they do not wait for the disk).
enum SnapshotFiles {
    /// The suffix of a transfer still being received; such files are never delivered, and
    /// `prepareDirectory` deletes those a crash left behind.
    static let partialSuffix = ".partial"
    /// The suffix of a delivered snapshot file.
    static let completeSuffix = ".snap"
    /// The prefix of every file this code creates, so that cleanup touches nothing else.
    static let prefix = "peer-snapshot-"

    /// An open snapshot file to stream.
    struct Source: Sendable {
        let descriptor: Int32
        let size: UInt64
        let path: String
    }

    /// Opens `path` for reading and reads its size.
    static func openForReading(_ path: String) throws -> Source {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SnapshotFileError(operation: "open", path: path, code: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            closeDescriptor(descriptor)
            throw SnapshotFileError(operation: "stat", path: path, code: code)
        }
        return Source(descriptor: descriptor, size: UInt64(info.st_size), path: path)
    }

    /// Reads exactly `count` bytes at `offset`; a file that shrank is an error.
    static func read(_ source: Source, at offset: UInt64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(source.descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                throw SnapshotFileError(
                    operation: result == 0 ? "read (file shrank)" : "read", path: source.path,
                    code: result == 0 ? EIO : errno)
            }
            done += result
        }
        return bytes
    }

    /// Creates `path`, failing if it exists, readable only by this user.
    static func createExclusive(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SnapshotFileError(operation: "create", path: path, code: errno) }
        return descriptor
    }

    /// Writes all of `bytes` at the current position.
    static func write(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                #if canImport(Darwin)
                    Darwin.write(descriptor, buffer.baseAddress! + done, bytes.count - done)
                #elseif canImport(Musl)
                    Musl.write(descriptor, buffer.baseAddress! + done, bytes.count - done)
                #else
                    Glibc.write(descriptor, buffer.baseAddress! + done, bytes.count - done)
                #endif
            }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw SnapshotFileError(operation: "write", path: path, code: errno) }
            done += result
        }
    }

    /// Forces the file's data to disk, so that a delivered snapshot survives a crash.
    static func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw SnapshotFileError(operation: "fsync", path: path, code: errno) }
    }

    /// Closes a descriptor; the error of `close` is of no use once the data is synced.
    static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Darwin)
            _ = Darwin.close(descriptor)
        #elseif canImport(Musl)
            _ = Musl.close(descriptor)
        #else
            _ = Glibc.close(descriptor)
        #endif
    }

    /// Renames `from` to `to` and syncs the directory, so that the new name is durable.
    static func rename(_ from: String, to: String, directory: String) throws {
        #if canImport(Darwin)
            let result = Darwin.rename(from, to)
        #elseif canImport(Musl)
            let result = Musl.rename(from, to)
        #else
            let result = Glibc.rename(from, to)
        #endif
        guard result == 0 else { throw SnapshotFileError(operation: "rename", path: from, code: errno) }
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SnapshotFileError(operation: "open", path: directory, code: errno) }
        defer { closeDescriptor(descriptor) }
        try sync(descriptor, path: directory)
    }

    /// Deletes `path`, ignoring a file that is already gone.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Creates `directory` (and its parents) if needed and deletes the partial transfers a
    /// crash left in it. Delivered `.snap` files are left alone: they belong to the node.
    static func prepareDirectory(_ directory: String) throws {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw SnapshotFileError(operation: "mkdir", path: path, code: errno)
            }
        }
        guard let handle = opendir(directory) else {
            throw SnapshotFileError(operation: "opendir", path: directory, code: errno)
        }
        var stale: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix), name.hasSuffix(partialSuffix) { stale.append(name) }
        }
        closedir(handle)
        for name in stale {
            remove(directory + "/" + name)
        }
    }
}
