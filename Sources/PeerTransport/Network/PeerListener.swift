import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The accepting side: binds the listener; every accepted connection gets its own
/// `InboundConnection` handler on its event loop, so that one misbehaving peer never delays or
/// stops the others. With `PeerTLS` every connection starts with a TLS handshake that requires
/// a client certificate signed by the CA; a refused one never reaches `InboundConnection`.
enum PeerListener {
    /// Binds `host:port` and returns the listening channel. `SO_REUSEADDR` lets a restarted
    /// node take its port back while old connections linger in TIME_WAIT; a port another socket
    /// listens on still fails, with an error naming the address. Accepted channels are
    /// registered in `connections` so that shutdown closes them all.
    static func bind(
        host: String, port: Int, group: any EventLoopGroup, codec: PeerFrameCodec, connections: ChannelSet,
        settings: InboundConnection.Settings, tls: PeerTLS?, refusals: TLSRefusalLog
    ) async throws -> any Channel {
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // The remote address is read now: once closed, a channel no longer knows
                        // it, and the log line of a refused peer needs it.
                        let connection = InboundConnection(
                            settings: settings, remote: describe(channel.remoteAddress), eventLoop: channel.eventLoop)
                        do {
                            if let tls {
                                try channel.pipeline.syncOperations.addHandlers(
                                    NIOSSLServerHandler(context: tls.serverContext),
                                    TLSHandshakeWatch(
                                        peer: channel.remoteAddress?.ipAddress ?? "unknown", log: refusals,
                                        logger: settings.logger))
                            }
                            try channel.pipeline.syncOperations.addHandlers(
                                ByteToMessageHandler(PeerFrameDecoder(codec: codec)), connection)
                        } catch {
                            connection.finished.succeed()  // the connection never started
                            throw error
                        }
                        connections.insert(channel, finished: connection.finished.futureResult)
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            throw PeerNetworkError.listenFailed(address: PeerAddress(host: host, port: port), reason: reason(error))
        }
    }

    /// `ip:port` of a remote address, for log lines.
    private static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "unknown" }
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return PeerAddress(host: ip, port: port).description
    }

    /// The system's words for a bind failure ("Address already in use"), not NIO's
    /// internal call name.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            return "\(String(cString: strerror(error.errnoCode))) (errno \(error.errnoCode))"
        }
        return "\(error)"
    }
}
