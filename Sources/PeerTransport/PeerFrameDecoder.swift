import NIOCore

/// The inbound half of the peer protocol: bytes in, `PeerFrame`s out. Add it as
/// `ByteToMessageHandler(PeerFrameDecoder())`.
///
/// A `PeerFrameError` is thrown out of `decode`, which makes `ByteToMessageHandler` fire it
/// down the pipeline (`errorCaught`) and ignore all later input. There is no way to find
/// the next frame boundary in a stream that broke the format, so the transport's handler
/// closes the connection on that error and the peer reconnects with a fresh stream.
public struct PeerFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = PeerFrame

    private let codec: PeerFrameCodec

    /// Creates a decoder refusing frames that `codec` refuses.
    public init(codec: PeerFrameCodec = PeerFrameCodec()) {
        self.codec = codec
    }

    /// Passes on each complete frame in `buffer`; throws the `PeerFrameError` of
    /// `PeerFrameCodec.decode`.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try codec.decode(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    /// Delivers the frames still buffered when the stream ends; a partial frame left after
    /// them means the peer stopped mid-frame, which is reported as `truncatedStream`.
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        guard buffer.readableBytes == 0 else {
            throw PeerFrameError.truncatedStream(bufferedBytes: buffer.readableBytes)
        }
        return .needMoreData
    }
}
