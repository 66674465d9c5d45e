import NIOCore
import Raft

/// Reassembles the snapshot transfer of one inbound connection into a file of the incoming
/// directory: chunks must continue the transfer exactly (same id, snapshot and length, next
/// offset), the data is fsynced and the file renamed from `.partial` to `.snap` after the
/// last chunk, and the following snapshot message claims the file. Whatever is left when
/// the connection ends is deleted by `discard()`, so a cut transfer never reaches the node.
///
/// Owned by its connection's handler and used only on that connection's event loop (the file
/// work runs on the thread pool, its futures complete back on the loop), hence not `Sendable`.
final class SnapshotReceiver {
    private struct Transfer {
        let snapshotID: UInt64
        let term: UInt64
        let index: UInt64
        let totalLength: UInt64
        var received: UInt64
        let descriptor: Int32
        let partialPath: String
        let finalPath: String
    }

    private enum State {
        case idle
        case receiving(Transfer)
        /// Syncing and renaming; the descriptor now belongs to that work, which closes it.
        case finishing(partialPath: String, finalPath: String)
        case complete(term: UInt64, index: UInt64, path: String)
    }

    private let directory: String
    private let maxSize: UInt64
    private let files: BlockingFileWork
    private let eventLoop: any EventLoop
    private var state = State.idle

    init(directory: String, maxSize: UInt64, files: BlockingFileWork, eventLoop: any EventLoop) {
        self.directory = directory
        self.maxSize = maxSize
        self.files = files
        self.eventLoop = eventLoop
    }

    /// Writes `chunk` from `peer`. The future fails with an `InboundViolation` for a chunk that
    /// does not continue the transfer, or with the file error. Call it on the event loop, and
    /// again only once the previous future has completed.
    func append(_ chunk: SnapshotChunk, from peer: NodeID) -> EventLoopFuture<Void> {
        switch state {
        case .finishing, .complete:
            return eventLoop.makeFailedFuture(InboundViolation.chunkAfterLastChunk)
        case .idle:
            return begin(chunk, from: peer).assumeIsolated().flatMap { transfer in
                self.state = .receiving(transfer)
                return self.write(chunk, into: transfer)
            }.nonisolated()
        case .receiving(let current):
            guard
                chunk.snapshotID == current.snapshotID, chunk.term == current.term, chunk.index == current.index,
                chunk.totalLength == current.totalLength
            else {
                return eventLoop.makeFailedFuture(
                    InboundViolation.chunkMismatch(
                        snapshotID: chunk.snapshotID, expectedSnapshotID: current.snapshotID))
            }
            guard chunk.offset == current.received else {
                return eventLoop.makeFailedFuture(
                    InboundViolation.chunkOutOfOrder(expectedOffset: current.received, offset: chunk.offset))
            }
            return write(chunk, into: current)
        }
    }

    /// The file of the completed transfer that `message` (a `.snapshot` message) names; from
    /// now on the file belongs to the caller.
    func claim(_ message: Message) throws(InboundViolation) -> String {
        guard let metadata = message.snapshot?.metadata else { throw .snapshotMissing }
        guard case .complete(let term, let index, let path) = state, term == metadata.term, index == metadata.index
        else { throw .snapshotWithoutData(index: metadata.index, term: metadata.term) }
        state = .idle
        return path
    }

    /// Deletes whatever the connection leaves behind: a partial file, or a complete one no
    /// message claimed. Closing and unlinking do not wait for the disk, so this runs inline.
    func discard() {
        switch state {
        case .idle:
            break
        case .receiving(let transfer):
            SnapshotFiles.closeDescriptor(transfer.descriptor)
            SnapshotFiles.remove(transfer.partialPath)
        case .finishing(let partialPath, let finalPath):
            SnapshotFiles.remove(partialPath)
            SnapshotFiles.remove(finalPath)
        case .complete(_, _, let path):
            SnapshotFiles.remove(path)
        }
        state = .idle
    }

    /// Appends the chunk's bytes to the transfer's file; after the last chunk, syncs the file
    /// and renames it complete.
    private func write(_ chunk: SnapshotChunk, into transfer: Transfer) -> EventLoopFuture<Void> {
        let (descriptor, partialPath, bytes) = (transfer.descriptor, transfer.partialPath, chunk.bytes)
        let written =
            bytes.isEmpty
            ? eventLoop.makeSucceededVoidFuture()
            : files.submit(on: eventLoop) { try SnapshotFiles.write(descriptor, bytes, path: partialPath) }
        return written.assumeIsolated().flatMap { () -> EventLoopFuture<Void> in
            var transfer = transfer
            transfer.received += UInt64(bytes.count)
            self.state = .receiving(transfer)
            return chunk.isLast ? self.finish(transfer) : self.eventLoop.makeSucceededVoidFuture()
        }.nonisolated()
    }

    private func finish(_ transfer: Transfer) -> EventLoopFuture<Void> {
        let (descriptor, partialPath, finalPath, directory) =
            (transfer.descriptor, transfer.partialPath, transfer.finalPath, directory)
        state = .finishing(partialPath: partialPath, finalPath: finalPath)
        return files.submit(on: eventLoop) {
            defer { SnapshotFiles.closeDescriptor(descriptor) }
            try SnapshotFiles.sync(descriptor, path: partialPath)
            try SnapshotFiles.rename(partialPath, to: finalPath, directory: directory)
        }.assumeIsolated().map {
            self.state = .complete(term: transfer.term, index: transfer.index, path: finalPath)
        }.nonisolated()
    }

    /// Checks the first chunk of a transfer and creates its file.
    private func begin(_ chunk: SnapshotChunk, from peer: NodeID) -> EventLoopFuture<Transfer> {
        guard chunk.offset == 0 else {
            return eventLoop.makeFailedFuture(InboundViolation.chunkOutOfOrder(expectedOffset: 0, offset: chunk.offset))
        }
        guard chunk.totalLength <= maxSize else {
            return eventLoop.makeFailedFuture(
                InboundViolation.snapshotTooLarge(totalLength: chunk.totalLength, limit: maxSize))
        }
        let unique = String(UInt64.random(in: .min ... .max), radix: 16)
        let base = "\(directory)/\(SnapshotFiles.prefix)\(chunk.index)-\(chunk.term)-from-\(peer)-\(unique)"
        let partialPath = base + SnapshotFiles.partialSuffix
        return files.submit(on: eventLoop) { try SnapshotFiles.createExclusive(partialPath) }.map { descriptor in
            Transfer(
                snapshotID: chunk.snapshotID, term: chunk.term, index: chunk.index, totalLength: chunk.totalLength,
                received: 0, descriptor: descriptor, partialPath: partialPath,
                finalPath: base + SnapshotFiles.completeSuffix)
        }
    }
}
