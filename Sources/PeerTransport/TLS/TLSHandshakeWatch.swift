import Logging
import NIOCore

/// Sits right behind the TLS handler of a peer connection: a refused handshake closes the
/// connection with one line in the `TLSRefusalLog` and goes no further, so the handlers behind
/// (which log every closed connection) never see it. The first bytes that come through prove
/// the handshake worked, and clear the peer's entry (a dialer clears its own after its hello).
final class TLSHandshakeWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let peer: String
    private let log: TLSRefusalLog
    private let logger: Logger
    private var handshakeDone = false

    /// `peer` names the other end in the log: its node id when dialing, its host when accepting
    /// (the remote port changes with every connection).
    init(peer: String, log: TLSRefusalLog, logger: Logger) {
        self.peer = peer
        self.log = log
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !handshakeDone {
            handshakeDone = true
            log.succeeded(peer)
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let reason = TLSFailure.reason(of: error) else {
            context.fireErrorCaught(error)
            return
        }
        log.refused(peer, reason: reason, logger: logger)
        context.close(promise: nil)
    }
}
