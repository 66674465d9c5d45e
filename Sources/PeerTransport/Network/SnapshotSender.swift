import Logging
import NIOCore
import Raft

/// Streams one snapshot to a peer on a connection of its own: hello, the file as chunks in
/// order, then the `.snapshot` message itself. A separate connection keeps a multi-megabyte
/// transfer from delaying the heartbeats and appends on the peer's regular link, which would
/// cost elections. Each chunk is read on the thread pool only after the previous one was
/// written to the socket, so a transfer holds at most one chunk in memory whatever its size.
struct SnapshotSender: Sendable {
    let dialer: PeerDialer
    let codec: PeerFrameCodec
    let chunkSize: Int
    let snapshots: any SnapshotFileProvider
    let files: BlockingFileWork
    let logger: Logger

    /// Sends `message` (type `.snapshot`) and its data to `address`; returns whether every
    /// frame was written. No acknowledgement exists in the protocol, so success means "in the
    /// kernel's hands", as for every other message.
    func send(_ message: Message, to address: PeerAddress) async -> Bool {
        var logger = logger
        logger[metadataKey: "peer"] = "\(message.to)"
        guard let metadata = message.snapshot?.metadata else {
            logger.error("snapshot message without snapshot metadata; not sent")
            return false
        }
        logger[metadataKey: "snapshot"] = "index \(metadata.index) term \(metadata.term)"
        guard let path = snapshots.snapshotFile(index: metadata.index, term: metadata.term) else {
            logger.warning("snapshot file not available; transfer failed")
            return false
        }
        do {
            let source = try await files.run { try SnapshotFiles.openForReading(path) }
            defer { SnapshotFiles.closeDescriptor(source.descriptor) }
            let channel = try await dialer.connect(to: address)
            try await withTaskCancellationHandler {
                try await stream(source, of: message, over: channel)
            } onCancel: {
                channel.close(promise: nil)
            }
            try await channel.close()
            logger.info("snapshot sent", metadata: ["bytes": "\(source.size)"])
            return true
        } catch {
            logger.warning("snapshot transfer failed: \(error)")
            return false
        }
    }

    private func stream(_ source: SnapshotFiles.Source, of message: Message, over channel: any Channel) async throws {
        guard let metadata = message.snapshot?.metadata else { return }
        let snapshotID = UInt64.random(in: 1 ... .max)
        var offset: UInt64 = 0
        repeat {
            try Task.checkCancellation()
            let count = Int(min(UInt64(chunkSize), source.size - offset))
            let start = offset
            let bytes = try await files.run { try SnapshotFiles.read(source, at: start, count: count) }
            let chunk = SnapshotChunk(
                snapshotID: snapshotID, term: metadata.term, index: metadata.index, offset: offset,
                totalLength: source.size, bytes: bytes, isLast: offset + UInt64(count) == source.size)
            var buffer = channel.allocator.buffer(capacity: count + SnapshotChunkWire.overhead)
            try codec.encode(.snapshotChunk(chunk), into: &buffer)
            try await channel.writeAndFlush(buffer).get()
            offset += UInt64(count)
        } while offset < source.size
        var announced = message
        announced.snapshot?.data = []  // The data went as chunks.
        var buffer = channel.allocator.buffer(capacity: 256)
        try codec.encode(.raftBatch([announced]), into: &buffer)
        try await channel.writeAndFlush(buffer).get()
    }
}
