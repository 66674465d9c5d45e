import NIOCore
import NIOPosix

/// Opens outbound connections: TCP with Nagle off (Raft messages are small and
/// latency-bound), then this node's hello, which the acceptor requires as the first frame.
struct PeerDialer: Sendable {
    let group: any EventLoopGroup
    let connectTimeout: TimeAmount
    /// The encoded hello frame, the same for every connection of this node.
    let hello: ByteBuffer

    /// A connected channel whose hello is already written, or an error. The channel takes
    /// `ByteBuffer`s; the acceptor never answers, so anything it sends is discarded.
    func connect(to address: PeerAddress) async throws -> any Channel {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: address.host, port: address.port)
            .get()
        do {
            try await channel.writeAndFlush(hello).get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return channel
    }
}
