import Foundation
import PeerTransport
import Raft

/// The cluster every test node belongs to.
let testCluster = ClusterID(high: 0xEC5_0000_0000_0001, low: 0x0123_4567_89AB_CDEF)

/// Snapshot files by (index, term), as a node's storage would provide them.
struct SnapshotFileTable: SnapshotFileProvider {
    var files: [SnapshotKey: String] = [:]

    func snapshotFile(index: UInt64, term: UInt64) -> String? {
        files[SnapshotKey(index: index, term: term)]
    }
}

struct SnapshotKey: Hashable, Sendable {
    let index: UInt64
    let term: UInt64
}

/// A fresh directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("ecs-network-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A running network and what the test needs to drive and inspect it.
struct TestNode: Sendable {
    let id: NodeID
    let network: PeerNetwork
    let log: EventLog
    let sink: StreamSink
    let address: PeerAddress
    let snapshotDirectory: String

    /// A configuration with short reconnect delays, so that tests of reconnection are quick.
    static func configuration(
        id: NodeID, port: Int = 0, peers: [NodeID: PeerAddress] = [:], cluster: ClusterID = testCluster
    ) -> PeerNetworkConfiguration {
        var configuration = PeerNetworkConfiguration(
            localID: id, clusterID: cluster, region: RegionName("test-region")!, listenHost: "127.0.0.1",
            listenPort: port, peers: peers)
        configuration.minimumReconnectDelay = .milliseconds(10)
        configuration.maximumReconnectDelay = .milliseconds(200)
        configuration.connectTimeout = .seconds(5)
        return configuration
    }

    /// Starts a node listening on an ephemeral port (or `configuration.listenPort`).
    static func start(
        _ configuration: PeerNetworkConfiguration, snapshots: SnapshotFileTable = SnapshotFileTable(),
        snapshotDirectory: String? = nil
    ) async throws -> TestNode {
        let directory = try snapshotDirectory ?? makeTemporaryDirectory()
        let network = PeerNetwork(
            configuration: configuration, snapshots: snapshots, incomingSnapshotDirectory: directory)
        let (events, continuation) = AsyncStream.makeStream(of: PeerNetworkEvent.self)
        let sink = StreamSink(continuation: continuation)
        network.attach(sink)
        let log = EventLog.recording(events)
        let address = try await network.start()
        return TestNode(
            id: configuration.localID, network: network, log: log, sink: sink, address: address,
            snapshotDirectory: directory)
    }

    /// Starts `count` nodes with ids 1...count, each a peer of all others.
    static func cluster(
        of count: Int, adjust: (inout PeerNetworkConfiguration) -> Void = { _ in }
    ) async throws
        -> [TestNode]
    {
        var nodes: [TestNode] = []
        for id in 1...NodeID(count) {
            var configuration = configuration(id: id)
            adjust(&configuration)
            nodes.append(try await start(configuration))
        }
        let peers = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.address) })
        for node in nodes {
            node.network.updatePeers(peers)
        }
        return nodes
    }

    /// Shuts the network down and ends its event log (the network delivers nothing after
    /// `shutdown()` returns).
    func shutdown() async {
        await network.shutdown()
        sink.continuation.finish()
    }

    /// Shuts the network down and removes the node's snapshot directory.
    func stop() async {
        await shutdown()
        try? FileManager.default.removeItem(atPath: snapshotDirectory)
    }

    /// The names of the files in the incoming snapshot directory.
    func incomingFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: snapshotDirectory).sorted()
    }
}

/// Passes a network's events into an `AsyncStream` for the test's `EventLog`.
struct StreamSink: PeerEventSink {
    let continuation: AsyncStream<PeerNetworkEvent>.Continuation

    func deliver(_ event: PeerNetworkEvent) {
        continuation.yield(event)
    }
}

/// An append message carrying `payload` bytes, numbered by `index` so that order is visible.
func appendMessage(from: NodeID, to: NodeID, index: UInt64, payload: Int = 8) -> Message {
    Message(
        type: .append, to: to, from: from, term: 1, logTerm: 1, index: index,
        entries: [
            Entry(index: index + 1, term: 1, data: Array(repeating: UInt8(truncatingIfNeeded: index), count: payload))
        ],
        commit: index)
}

/// Runs `body` with `count` connected nodes and shuts them down afterwards, also when the
/// body fails, so that a failing test leaves no sockets or tasks behind.
@discardableResult
func withCluster<T>(
    of count: Int, adjust: (inout PeerNetworkConfiguration) -> Void = { _ in },
    _ body: ([TestNode]) async throws -> T
) async throws -> T {
    let nodes = try await TestNode.cluster(of: count, adjust: adjust)
    do {
        let result = try await body(nodes)
        for node in nodes { await node.stop() }
        return result
    } catch {
        for node in nodes { await node.stop() }
        throw error
    }
}

/// Runs `body` with one started node and shuts it down afterwards.
@discardableResult
func withNode<T>(
    _ configuration: PeerNetworkConfiguration, snapshots: SnapshotFileTable = SnapshotFileTable(),
    _ body: (TestNode) async throws -> T
) async throws -> T {
    let node = try await TestNode.start(configuration, snapshots: snapshots)
    do {
        let result = try await body(node)
        await node.stop()
        return result
    } catch {
        await node.stop()
        throw error
    }
}
