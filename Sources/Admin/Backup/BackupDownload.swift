import Foundation
import Synchronization

/// Takes a backup into a local file: streamed into `FILE.partial`, flushed, checked against its
/// SHA-256 trailer, then renamed to `FILE` — so `FILE` is either a whole, verified backup or
/// (after a failure) untouched.
public enum BackupDownload {
    /// How far a transfer is: bytes received, of `total` when the node said.
    public struct Progress: Sendable, Equatable {
        public var received: UInt64
        public var total: UInt64?
    }

    /// Why no backup was written.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The region refused or could not be reached.
        case region(AdminError)
        /// The file could not be written, or what arrived is not a whole backup.
        case file(BackupFileError)

        public var description: String {
            switch self {
            case .region(let error): "\(error)"
            case .file(let error): "\(error)"
            }
        }
    }

    /// Asks `client`'s region for a backup and writes it to `path`, reporting `progress` as bytes
    /// arrive. Returns what the checked file holds and the node that sent it.
    public static func run(
        _ client: AdminClient, to path: String, progress: @escaping @Sendable (Progress) -> Void
    ) async throws(Failure) -> (backup: BackupFile.Verified, endpoint: Endpoint) {
        let temporary = path + ".partial"
        let file = PartialFile(path: temporary, progress: progress)
        do throws(Failure) {
            let endpoint: Endpoint
            do {
                endpoint = try await client.backup(into: file.receiver)
            } catch {
                throw file.close() ?? .region(error)
            }
            if let error = file.close() { throw error }
            let backup: BackupFile.Verified
            do {
                backup = try BackupFile.verify(at: temporary)
                try DurableRename.commit(temporary, as: path)
            } catch {
                throw Failure.file(error)
            }
            return (backup, endpoint)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}

/// The file a backup streams into; every answer that starts (one per endpoint tried) starts it
/// over. Keeps the first write error, which stops the transfer.
private final class PartialFile: Sendable {
    private struct State {
        var handle: FileHandle?
        var received: UInt64 = 0
        var total: UInt64?
        var error: BackupDownload.Failure?
    }

    private let path: String
    private let progress: @Sendable (BackupDownload.Progress) -> Void
    private let state = Mutex(State())

    init(path: String, progress: @escaping @Sendable (BackupDownload.Progress) -> Void) {
        self.path = path
        self.progress = progress
    }

    var receiver: BodyReceiver {
        BodyReceiver(start: { self.start(expectedLength: $0) }, append: { self.append($0) })
    }

    private func start(expectedLength: Int?) {
        state.withLock { state in
            try? state.handle?.close()
            state = State()
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                state.error = .file(.io("cannot create \(path)"))
                return
            }
            state.handle = handle
            state.total = expectedLength.map(UInt64.init)
        }
    }

    private func append(_ bytes: [UInt8]) -> Bool {
        let report = state.withLock { state -> BackupDownload.Progress? in
            guard state.error == nil, let handle = state.handle else { return nil }
            do {
                try handle.write(contentsOf: bytes)
            } catch {
                state.error = .file(.io("cannot write \(path): \(error.localizedDescription)"))
                return nil
            }
            state.received += UInt64(bytes.count)
            return BackupDownload.Progress(received: state.received, total: state.total)
        }
        guard let report else { return false }
        progress(report)
        return true
    }

    /// Closes the file; the first error of the transfer, if there was one.
    func close() -> BackupDownload.Failure? {
        state.withLock { state in
            do {
                try state.handle?.close()
            } catch {
                state.error = state.error ?? .file(.io("cannot write \(path): \(error.localizedDescription)"))
            }
            state.handle = nil
            return state.error
        }
    }
}
