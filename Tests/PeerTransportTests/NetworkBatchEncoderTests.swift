import NIOCore
import Raft
import Testing

@testable import PeerTransport

/// One frame per batch, split until every frame fits, order kept.
@Suite("BatchEncoder")
struct NetworkBatchEncoderTests {
    func decodeAll(_ buffer: ByteBuffer, codec: PeerFrameCodec) throws -> [[Message]] {
        var buffer = buffer
        var batches: [[Message]] = []
        while let frame = try codec.decode(from: &buffer) {
            guard case .raftBatch(let messages) = frame else {
                Issue.record("unexpected frame \(frame)")
                break
            }
            batches.append(messages)
        }
        #expect(buffer.readableBytes == 0)
        return batches
    }

    @Test("small batches become one frame each")
    func oneFramePerBatch() throws {
        let encoder = BatchEncoder(codec: PeerFrameCodec())
        let batches = (0..<5).map { batch in
            (0..<3).map { appendMessage(from: 1, to: 2, index: UInt64(batch * 3 + $0)) }
        }
        var buffer = ByteBuffer()
        #expect(encoder.encode(batches, into: &buffer).isEmpty)
        #expect(try decodeAll(buffer, codec: encoder.codec) == batches)
    }

    @Test("a batch above the frame limit is split into fitting frames, in order")
    func splitsLargeBatch() throws {
        let codec = PeerFrameCodec(maxFrameLength: 16 << 10)
        let encoder = BatchEncoder(codec: codec)
        let batch = (0..<37).map { appendMessage(from: 1, to: 2, index: UInt64($0), payload: 1500) }
        var buffer = ByteBuffer()
        #expect(encoder.encode([batch], into: &buffer).isEmpty)
        let frames = try decodeAll(buffer, codec: codec)
        #expect(frames.count > 1)
        #expect(Array(frames.joined()) == batch)
    }

    @Test("a message larger than a frame on its own is returned, the rest still sent")
    func oversizedMessage() throws {
        let codec = PeerFrameCodec(maxFrameLength: 4 << 10)
        let encoder = BatchEncoder(codec: codec)
        let huge = appendMessage(from: 1, to: 2, index: 2, payload: 10_000)
        let small = [appendMessage(from: 1, to: 2, index: 1), appendMessage(from: 1, to: 2, index: 3)]
        var buffer = ByteBuffer()
        #expect(encoder.encode([[small[0], huge, small[1]]], into: &buffer) == [huge])
        #expect(Array(try decodeAll(buffer, codec: codec).joined()) == small)
    }
}
