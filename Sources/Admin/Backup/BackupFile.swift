import Crypto
import Foundation

/// A backup file on disk (layout: `BackupHeader`): checked whole before anyone trusts it, and
/// read back for its payload when a node restores from it.
public enum BackupFile {
    /// What a checked backup holds.
    public struct Verified: Sendable, Equatable {
        public var header: BackupHeader
        /// Hex of the SHA-256 trailer (which matched).
        public var sha256: String
        /// The file's length in bytes.
        public var size: UInt64
    }

    /// Bytes read at a time: large enough that hashing, not system calls, is the cost.
    static let chunkLength = 1 << 20

    /// Checks the file at `path`: its magic and version, that its length is what its header says,
    /// and its SHA-256 trailer. Reads the file once.
    public static func verify(at path: String) throws(BackupFileError) -> Verified {
        let handle = try open(path)
        defer { try? handle.close() }
        let size = try length(of: handle, path: path)
        try seek(handle, to: 0, path: path)
        let header = try BackupHeader(decoding: read(handle, upTo: BackupHeader.maximumLength, path: path))
        guard header.fileLength == size else { throw .truncated }
        try seek(handle, to: 0, path: path)
        var hasher = SHA256()
        var remaining = Int(size) - BackupHeader.trailerLength
        while remaining > 0 {
            let chunk = try read(handle, upTo: min(remaining, chunkLength), path: path)
            guard !chunk.isEmpty else { throw .truncated }
            hasher.update(data: chunk)
            remaining -= chunk.count
        }
        let trailer = try read(handle, upTo: BackupHeader.trailerLength, path: path)
        let digest = Array(hasher.finalize())
        guard trailer == digest else { throw .checksumMismatch }
        return Verified(header: header, sha256: hex(digest), size: size)
    }

    /// Writes the payload (the LMDB data file) of the verified backup at `path` to
    /// `destination`, flushed to disk.
    public static func extractPayload(
        of backup: Verified, at path: String, to destination: String
    )
        throws(BackupFileError)
    {
        let source = try open(path)
        defer { try? source.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil),
            let target = FileHandle(forWritingAtPath: destination)
        else { throw .io("cannot create \(destination)") }
        defer { try? target.close() }
        try seek(source, to: UInt64(backup.header.encodedLength), path: path)
        var remaining = backup.header.payloadLength
        do {
            while remaining > 0 {
                let chunk = try read(source, upTo: Int(min(remaining, UInt64(chunkLength))), path: path)
                guard !chunk.isEmpty else { throw BackupFileError.truncated }
                try target.write(contentsOf: chunk)
                remaining -= UInt64(chunk.count)
            }
            try target.synchronize()
        } catch let error as BackupFileError {
            throw error
        } catch {
            throw .io("cannot write \(destination): \(error.localizedDescription)")
        }
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func open(_ path: String) throws(BackupFileError) -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path)") }
        return handle
    }

    private static func length(of handle: FileHandle, path: String) throws(BackupFileError) -> UInt64 {
        do {
            return try handle.seekToEnd()
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
    }

    private static func seek(_ handle: FileHandle, to offset: UInt64, path: String) throws(BackupFileError) {
        do {
            try handle.seek(toOffset: offset)
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
    }

    private static func read(_ handle: FileHandle, upTo count: Int, path: String) throws(BackupFileError) -> [UInt8] {
        do {
            return Array(try handle.read(upToCount: count) ?? Data())
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
