import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The accepting side: binds the listener and serves every accepted connection in its own
/// child task, so that one misbehaving peer never delays or stops the others.
enum PeerListener {
    /// The server channel; each accepted connection arrives as a channel of decoded frames.
    typealias Server = NIOAsyncChannel<AcceptedConnection, Never>

    /// Binds `host:port`. `SO_REUSEADDR` lets a restarted node take its port back while old
    /// connections linger in TIME_WAIT; a port another socket listens on still fails, with
    /// an error naming the address. Accepted channels are registered in `connections` so
    /// that shutdown can close even those no task picked up yet.
    static func bind(
        host: String, port: Int, group: any EventLoopGroup, codec: PeerFrameCodec, connections: ChannelSet
    ) async throws -> Server {
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        connections.insert(channel)
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(PeerFrameDecoder(codec: codec)))
                        // Few buffered frames per connection: each may be a maximum-size frame.
                        let frames = try NIOAsyncChannel<PeerFrame, Never>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(backPressureStrategy: .init(lowWatermark: 1, highWatermark: 4)))
                        return AcceptedConnection(remote: describe(channel.remoteAddress), frames: frames)
                    }
                }
        } catch {
            throw PeerNetworkError.listenFailed(address: PeerAddress(host: host, port: port), reason: reason(error))
        }
    }

    /// Accepts until the server closes or the task is cancelled, then waits for the
    /// connections' tasks, which the cancellation reaches too.
    static func serve(_ server: Server, connection: InboundConnection, logger: Logger) async {
        do {
            try await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await accepted in inbound {
                            group.addTask { await connection.serve(accepted) }
                        }
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.error("peer listener stopped accepting: \(error)")
                    }
                }
            }
        } catch {
            logger.debug("peer listener closed: \(error)")
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

/// An accepted connection and the peer's address, read while the channel was certainly open
/// (once closed, a channel no longer knows its remote address, and the log line of a refused
/// peer needs it).
struct AcceptedConnection: Sendable {
    let remote: String
    let frames: NIOAsyncChannel<PeerFrame, Never>
}
