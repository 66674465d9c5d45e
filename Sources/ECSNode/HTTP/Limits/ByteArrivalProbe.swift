import NIOCore

/// The first handler of an HTTP connection: tells its `ConnectionGuard` that bytes arrived, and
/// passes them on untouched. The HTTP parser reports nothing until a request's head is complete,
/// and a slow client's request is precisely one whose head never completes.
final class ByteArrivalProbe: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let connectionGuard: ConnectionGuard

    init(guard connectionGuard: ConnectionGuard) {
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connectionGuard.bytesArrived()
        context.fireChannelRead(data)
    }
}
