import Raft

/// Reassembles the snapshot transfer of one inbound connection into a file of the incoming
/// directory: chunks must continue the transfer exactly (same id, snapshot and length, next
/// offset), the data is fsynced and the file renamed from `.partial` to `.snap` after the
/// last chunk, and the following snapshot message claims the file. Whatever is left when
/// the connection ends is deleted by `discard()`, so a cut transfer never reaches the node.
///
/// Owned by the connection's task and used only there, hence not `Sendable`.
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
    private var state = State.idle

    init(directory: String, maxSize: UInt64, files: BlockingFileWork) {
        self.directory = directory
        self.maxSize = maxSize
        self.files = files
    }

    /// Writes `chunk` from `peer`; throws an `InboundViolation` for a chunk that does not
    /// continue the transfer, or the file error.
    func append(_ chunk: SnapshotChunk, from peer: NodeID) async throws {
        var transfer: Transfer
        switch state {
        case .finishing, .complete:
            throw InboundViolation.chunkAfterLastChunk
        case .idle:
            transfer = try await begin(chunk, from: peer)
            state = .receiving(transfer)
        case .receiving(let current):
            guard
                chunk.snapshotID == current.snapshotID, chunk.term == current.term, chunk.index == current.index,
                chunk.totalLength == current.totalLength
            else {
                throw InboundViolation.chunkMismatch(
                    snapshotID: chunk.snapshotID, expectedSnapshotID: current.snapshotID)
            }
            guard chunk.offset == current.received else {
                throw InboundViolation.chunkOutOfOrder(expectedOffset: current.received, offset: chunk.offset)
            }
            transfer = current
        }
        let (descriptor, partialPath, finalPath, bytes) =
            (transfer.descriptor, transfer.partialPath, transfer.finalPath, chunk.bytes)
        if !bytes.isEmpty {
            try await files.run { try SnapshotFiles.write(descriptor, bytes, path: partialPath) }
        }
        transfer.received += UInt64(bytes.count)
        state = .receiving(transfer)
        guard chunk.isLast else { return }
        state = .finishing(partialPath: partialPath, finalPath: finalPath)
        let directory = directory
        try await files.run {
            defer { SnapshotFiles.closeDescriptor(descriptor) }
            try SnapshotFiles.sync(descriptor, path: partialPath)
            try SnapshotFiles.rename(partialPath, to: finalPath, directory: directory)
        }
        state = .complete(term: transfer.term, index: transfer.index, path: finalPath)
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

    /// Checks the first chunk of a transfer and creates its file.
    private func begin(_ chunk: SnapshotChunk, from peer: NodeID) async throws -> Transfer {
        guard chunk.offset == 0 else { throw InboundViolation.chunkOutOfOrder(expectedOffset: 0, offset: chunk.offset) }
        guard chunk.totalLength <= maxSize else {
            throw InboundViolation.snapshotTooLarge(totalLength: chunk.totalLength, limit: maxSize)
        }
        let unique = String(UInt64.random(in: .min ... .max), radix: 16)
        let base = "\(directory)/\(SnapshotFiles.prefix)\(chunk.index)-\(chunk.term)-from-\(peer)-\(unique)"
        let partialPath = base + SnapshotFiles.partialSuffix
        let descriptor = try await files.run { try SnapshotFiles.createExclusive(partialPath) }
        return Transfer(
            snapshotID: chunk.snapshotID, term: chunk.term, index: chunk.index, totalLength: chunk.totalLength,
            received: 0, descriptor: descriptor, partialPath: partialPath,
            finalPath: base + SnapshotFiles.completeSuffix)
    }
}
