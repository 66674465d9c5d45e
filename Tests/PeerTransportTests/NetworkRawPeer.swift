import NIOCore
import NIOPosix
import PeerTransport
import Raft

/// A raw TCP client speaking the peer protocol by hand, for the tests of hostile peers.
struct RawPeer {
    let channel: any Channel

    /// Opens a plain TCP connection: no hello, no codec, nothing but bytes.
    static func connect(to address: PeerAddress) async throws -> RawPeer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: address.host, port: address.port).get()
        return RawPeer(channel: channel)
    }

    /// Writes `bytes` as they are.
    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    /// Writes `frames`, encoded as a well-behaved peer would.
    func send(_ frames: [PeerFrame]) async throws {
        try await send(try PeerFrameCodec().bytes(of: frames))
    }

    /// Whether the other end closed the connection within `timeout`. On a timeout the
    /// connection is closed here, which ends the wait.
    func closedByPeer(within timeout: Duration = eventTimeout) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await channel.closeFuture.get()
                return true
            }
            group.addTask {
                var budget = WaitBudget(timeout)
                while await budget.tick() {}
                return false
            }
            let closed = try await group.next() ?? false
            group.cancelAll()
            if !closed { channel.close(promise: nil) }
            return closed
        }
    }

    /// Closes the connection, as a peer that stops mid-stream.
    func close() async {
        try? await channel.close().get()
    }
}

/// A hello from `node` of `cluster`.
func hello(from node: NodeID, cluster: ClusterID = testCluster) -> PeerFrame {
    .hello(PeerHello(clusterID: cluster, nodeID: node, region: RegionName("test-region")!))
}
