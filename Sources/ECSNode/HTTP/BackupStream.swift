import Admin
import Crypto
import Foundation
import Hummingbird
import NIOPosix

/// The body of `GET /v1/cluster/snapshot`: a backup file (`BackupHeader`) made of a captured
/// copy, written as the client reads it.
///
/// The copy is read a chunk at a time on NIO's thread pool (never on an event loop or the Raft
/// shell's thread) and hashed on the way, so the SHA-256 trailer costs no second pass. The
/// length is known up front and sent as `Content-Length`. The copy is deleted when the body ends,
/// whether it was sent whole or the client went away (the write then throws); a node that
/// crashes meanwhile clears its scratch folder when it starts.
enum BackupStream {
    static let chunkLength = 1 << 20

    static func body(of capture: BackupCapture) -> ResponseBody {
        ResponseBody(contentLength: Int(capture.header.fileLength)) { writer in
            defer { capture.remove() }
            guard let file = FileHandle(forReadingAtPath: capture.dataFile) else {
                throw CopyUnreadable(path: capture.dataFile)
            }
            defer { try? file.close() }
            var hasher = SHA256()
            let header = capture.header.encoded()
            hasher.update(data: header)
            try await writer.write(ByteBuffer(bytes: header))
            var remaining = capture.header.payloadLength
            while remaining > 0 {
                let length = Int(min(remaining, UInt64(chunkLength)))
                let chunk = try await NIOThreadPool.singleton.runIfActive { try file.read(upToCount: length) ?? Data() }
                guard !chunk.isEmpty else { throw CopyUnreadable(path: capture.dataFile) }
                hasher.update(data: chunk)
                try await writer.write(ByteBuffer(bytes: chunk))
                remaining -= UInt64(chunk.count)
            }
            try await writer.write(ByteBuffer(bytes: Array(hasher.finalize())))
            try await writer.finish(nil)
        }
    }

    /// The copy could not be opened, or ended before the length its header announced: the
    /// stream is cut short, which the client's length check reports.
    struct CopyUnreadable: Error {
        var path: String
    }
}
