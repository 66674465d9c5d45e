import NIOCore
import Raft

/// Turns the batches of `send` calls into `.raftBatch` frames: one frame per batch, so that
/// a `Ready`'s messages for one peer cost one frame, split in halves until every frame fits
/// `maxFrameLength`. Encoding happens in the link's `OutboundWriter`, on the connection's event
/// loop.
struct BatchEncoder: Sendable {
    let codec: PeerFrameCodec

    /// Appends the frames of `batches` to `buffer`, in order, and returns the messages that
    /// cannot be sent because even alone they exceed a frame (a configuration error: an
    /// entry larger than `maxFrameLength`).
    func encode(_ batches: [[Message]], into buffer: inout ByteBuffer) -> [Message] {
        var oversized: [Message] = []
        for batch in batches where !batch.isEmpty {
            append(batch[...], into: &buffer, oversized: &oversized)
        }
        return oversized
    }

    private func append(_ batch: ArraySlice<Message>, into buffer: inout ByteBuffer, oversized: inout [Message]) {
        do {
            try codec.encode(.raftBatch(Array(batch)), into: &buffer)
        } catch {
            guard case .frameTooLarge = error, batch.count > 1 else {
                oversized.append(contentsOf: batch)
                return
            }
            let middle = batch.startIndex + batch.count / 2
            append(batch[..<middle], into: &buffer, oversized: &oversized)
            append(batch[middle...], into: &buffer, oversized: &oversized)
        }
    }
}
