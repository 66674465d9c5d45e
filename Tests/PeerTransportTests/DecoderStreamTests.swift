import NIOCore
import NIOEmbedded
import PeerTransport
import Raft
import Testing

/// The channel handlers over a byte stream cut anywhere, in the spirit of NIO's
/// `ByteToMessageDecoderVerifier`: whole, one byte at a time and in random pieces, the
/// decoder must produce the same frames and leave nothing behind.
@Suite("PeerFrameDecoder and PeerFrameEncoder in a channel")
struct DecoderStreamTests {
    let codec = PeerFrameCodec()

    /// Feeds `bytes` in pieces of the given sizes and returns the frames that come out.
    func decodeStream(_ bytes: [UInt8], pieces: [Int]) throws -> [PeerFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(PeerFrameDecoder()))
        var frames: [PeerFrame] = []
        var start = 0
        for size in pieces {
            try channel.writeInbound(ByteBuffer(bytes: bytes[start..<start + size]))
            start += size
            while let frame = try channel.readInbound(as: PeerFrame.self) {
                frames.append(frame)
            }
        }
        #expect(start == bytes.count)
        #expect(try channel.finish().isClean)
        return frames
    }

    func randomPieces(total: Int, using random: inout SeededGenerator) -> [Int] {
        var pieces: [Int] = []
        var left = total
        while left > 0 {
            let size = Int.random(in: 1...min(left, Int.random(in: 1...64, using: &random)), using: &random)
            pieces.append(size)
            left -= size
        }
        return pieces
    }

    @Test("whole, byte by byte and randomly split streams yield the same frames")
    func fragmentedStreams() throws {
        var generator = FrameGenerator(seed: 2024)
        let frames = (0..<60).map { _ in generator.frame() }
        let bytes = try codec.bytes(of: frames)
        #expect(try decodeStream(bytes, pieces: [bytes.count]) == frames)
        #expect(try decodeStream(bytes, pieces: Array(repeating: 1, count: bytes.count)) == frames)
        for _ in 0..<20 {
            let pieces = randomPieces(total: bytes.count, using: &generator.random)
            #expect(try decodeStream(bytes, pieces: pieces) == frames)
        }
    }

    @Test("a partial frame waits for more bytes, and is an error only when the stream ends")
    func truncatedFrameWaits() throws {
        let bytes = try codec.bytes(of: [.raftBatch([Message(type: .heartbeat, to: 2, from: 1, commit: 9)])])
        for cut in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<cut])
            #expect(try codec.decode(from: &buffer) == nil)
            #expect(buffer.readerIndex == 0 && buffer.readableBytes == cut)

            let channel = EmbeddedChannel(handler: ByteToMessageHandler(PeerFrameDecoder()))
            try channel.writeInbound(ByteBuffer(bytes: bytes[..<cut]))
            #expect(try channel.readInbound(as: PeerFrame.self) == nil)
            if cut == 0 {
                #expect(try channel.finish().isClean)
            } else {
                #expect(throws: PeerFrameError.truncatedStream(bufferedBytes: cut)) { try channel.finish() }
            }
        }
    }

    @Test("frames already complete are delivered before a trailing partial frame is reported")
    func framesBeforeTruncation() throws {
        let heartbeat = PeerFrame.raftBatch([Message(type: .heartbeat, to: 2, from: 1)])
        let bytes = try codec.bytes(of: [heartbeat, heartbeat])
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(PeerFrameDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: bytes.dropLast(3)))
        #expect(try channel.readInbound(as: PeerFrame.self) == heartbeat)
        #expect(try channel.readInbound(as: PeerFrame.self) == nil)
        #expect(throws: PeerFrameError.truncatedStream(bufferedBytes: bytes.count / 2 - 3)) { try channel.finish() }
    }

    @Test("a decode error is fired down the pipeline, so that the transport can close the connection")
    func decodeErrorIsFired() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(PeerFrameDecoder()))
        #expect(throws: PeerFrameError.unknownKind(9)) {
            try channel.writeInbound(ByteBuffer(bytes: [0, 0, 0, 2, 1, 9]))
        }
        _ = try? channel.finish()
    }

    @Test("an announced oversized frame is refused after its four length bytes")
    func oversizedFrameRefusedEarly() throws {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(PeerFrameDecoder(codec: PeerFrameCodec(maxFrameLength: 1024))))
        try channel.writeInbound(ByteBuffer(bytes: [0, 0]))
        #expect(throws: PeerFrameError.frameTooLarge(length: 1025, limit: 1024)) {
            try channel.writeInbound(ByteBuffer(bytes: [0x04, 0x01]))
        }
        _ = try? channel.finish()
    }

    @Test("the encoder handler writes exactly the codec's bytes and fails writes it cannot encode")
    func encoderHandler() throws {
        var generator = FrameGenerator(seed: 5)
        let channel = EmbeddedChannel(handler: MessageToByteHandler(PeerFrameEncoder()))
        for _ in 0..<50 {
            let frame = generator.frame()
            try channel.writeOutbound(frame)
            let written = try #require(try channel.readOutbound(as: ByteBuffer.self))
            #expect(Array(written.readableBytesView) == (try codec.bytes(of: [frame])))
        }
        #expect(throws: PeerFrameError.emptyBatch) { try channel.writeOutbound(PeerFrame.raftBatch([])) }
        _ = try? channel.finish()
    }
}
