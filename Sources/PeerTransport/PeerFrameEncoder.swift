import NIOCore

/// The outbound half of the peer protocol: `PeerFrame`s in, bytes out. Add it as
/// `MessageToByteHandler(PeerFrameEncoder())`. An encoding error fails the write's promise
/// and puts `MessageToByteHandler` into a permanent error state, so the transport closes
/// the connection; keeping batches within `PeerFrameCodec.maxFrameLength` is the sender's job.
public struct PeerFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = PeerFrame

    private let codec: PeerFrameCodec

    /// Creates an encoder producing frames that `codec` accepts.
    public init(codec: PeerFrameCodec = PeerFrameCodec()) {
        self.codec = codec
    }

    /// Appends `data` to `out`; throws the `PeerFrameError` of `PeerFrameCodec.encode`.
    public func encode(data: PeerFrame, out: inout ByteBuffer) throws {
        try codec.encode(data, into: &out)
    }
}
