import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Opens outbound connections: TCP with Nagle off (Raft messages are small and
/// latency-bound), TLS when the network has `PeerTLS`, then this node's hello, which the
/// acceptor requires as the first frame.
struct PeerDialer: Sendable {
    let group: any EventLoopGroup
    let connectTimeout: TimeAmount
    /// The encoded hello frame, the same for every connection of this node.
    let hello: ByteBuffer
    /// Mutual TLS, or nil for plain TCP.
    let tls: PeerTLS?
    /// Where refused handshakes are logged, once per peer.
    let refusals: TLSRefusalLog
    let logger: Logger

    /// A connected channel whose hello is already written, or an error. The channel takes
    /// `ByteBuffer`s; the acceptor never answers, so anything it sends is discarded. With TLS
    /// the hello waits for the handshake, so a refused handshake fails the dial.
    func connect(to address: PeerAddress) async throws -> any Channel {
        let (tls, refusals, logger) = (tls, refusals, logger)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let tls else { return }
                    // An IP address is checked against the certificate's IP names (it is no SNI name).
                    let isIP = (try? SocketAddress(ipAddress: address.host, port: address.port)) != nil
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOSSLClientHandler(context: tls.clientContext, serverHostname: isIP ? nil : address.host),
                        TLSHandshakeWatch(peer: address.description, log: refusals, logger: logger))
                }
            }
            .connect(host: address.host, port: address.port)
            .get()
        do {
            try await channel.writeAndFlush(hello).get()
            if tls != nil { refusals.succeeded(address.description) }
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return channel
    }
}
