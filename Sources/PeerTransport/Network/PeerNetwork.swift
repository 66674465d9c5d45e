import Logging
import NIOCore
import NIOPosix
import Raft
import Synchronization

/// The node-to-node TCP network of one node: the Raft shell hands it outgoing messages with
/// `send` and hears what arrives through the `PeerEventSink` it attaches.
///
/// Each node dials every peer for its own outbound traffic and only reads on the
/// connections it accepts (one stream per direction, as in etcd), so there is never a
/// question of which of two simultaneous connections wins. Delivery is best effort, as Raft
/// expects of a network: messages to an unreachable peer are dropped and reported as
/// `.unreachable`, and Raft retransmits. Snapshots stream from files on connections of
/// their own (see `SnapshotSender`).
///
/// `PeerNetwork` is `Sendable`: `send` and `updatePeers` may be called from any thread and
/// never wait for the network; `start` and `shutdown` are async. Call `shutdown()` before
/// dropping the last reference: it is what stops the background tasks.
public final class PeerNetwork: Sendable {
    private enum Lifecycle {
        case idle, starting, running, stopped
    }

    private struct State {
        var lifecycle = Lifecycle.idle
        var peers: [NodeID: PeerAddress]
        var links: [NodeID: (link: OutboundLink, task: Task<Void, Never>?)] = [:]
        var localAddress: PeerAddress?
        var listener: (any Channel)?
    }

    private let configuration: PeerNetworkConfiguration
    private let incomingSnapshotDirectory: String
    private let eventLoopGroup: any EventLoopGroup
    private let outlet = EventOutlet()
    private let logger: Logger
    private let dialer: PeerDialer
    private let encoder: BatchEncoder
    private let snapshotSender: SnapshotSender
    private let files: BlockingFileWork
    private let tasks = TaskRegistry()
    private let inboundChannels = ChannelSet()
    /// Refused TLS handshakes, logged once per peer.
    private let tlsRefusals: TLSRefusalLog
    private let state: Mutex<State>
    /// The operator's switch that cuts this node off its peers for a while (failover drills):
    /// `send` and the accepted connections drop all Raft traffic while it is on.
    public let isolation: PeerIsolation

    /// Creates a stopped network; nothing touches the network or the disk before `start()`.
    ///
    /// - Parameters:
    ///   - configuration: this node, its peers and the limits.
    ///   - snapshots: where outgoing snapshots' data is found.
    ///   - incomingSnapshotDirectory: where received snapshots are written (created if
    ///     missing); delivered files are handed to the shell, partial ones deleted.
    ///   - eventLoopGroup: the loops for sockets; the process-wide singleton by default.
    ///   - threadPool: the threads for blocking file I/O; the singleton by default.
    ///   - logger: receives connection changes and every refused peer, one line each.
    public init(
        configuration: PeerNetworkConfiguration,
        snapshots: some SnapshotFileProvider,
        incomingSnapshotDirectory: String,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        threadPool: NIOThreadPool = .singleton,
        logger: Logger = Logger(label: "ecs.peer-network")
    ) {
        var logger = logger
        logger[metadataKey: "node"] = "\(configuration.localID)"
        let codec = PeerFrameCodec(maxFrameLength: configuration.maxFrameLength)
        var hello = ByteBuffer()
        // A hello always fits: its size is bounded by the one-byte region length.
        try? codec.encode(
            .hello(
                PeerHello(
                    clusterID: configuration.clusterID, nodeID: configuration.localID, region: configuration.region)),
            into: &hello)
        let tlsRefusals = TLSRefusalLog()
        let dialer = PeerDialer(
            group: eventLoopGroup, connectTimeout: TimeAmount(configuration.connectTimeout), hello: hello,
            tls: configuration.tls, refusals: tlsRefusals, logger: logger)
        let files = BlockingFileWork(threadPool: threadPool, eventLoop: eventLoopGroup.any())
        self.configuration = configuration
        self.incomingSnapshotDirectory = incomingSnapshotDirectory
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.dialer = dialer
        self.tlsRefusals = tlsRefusals
        self.encoder = BatchEncoder(codec: codec)
        self.files = files
        self.snapshotSender = SnapshotSender(
            dialer: dialer, codec: codec, chunkSize: configuration.snapshotChunkSize, snapshots: snapshots,
            files: files, logger: logger)
        self.state = Mutex(State(peers: configuration.peers.filter { $0.key != configuration.localID }))
        self.isolation = PeerIsolation(eventLoop: eventLoopGroup.any(), logger: logger)
    }

    /// Where the listener is bound (with the real port when configured with port 0), once
    /// `start()` returned.
    public var localAddress: PeerAddress? {
        state.withLock { $0.localAddress }
    }

    /// Prepares the snapshot directory, binds the listener and starts dialing the peers.
    /// Throws `PeerNetworkError` (a busy port names the address) and leaves the network
    /// stopped; returns the bound address.
    @discardableResult
    public func start() async throws -> PeerAddress {
        if let problem = configuration.problem { throw PeerNetworkError.invalidConfiguration(problem) }
        try state.withLock { state in
            guard state.lifecycle == .idle else { throw PeerNetworkError.notStartable }
            state.lifecycle = .starting
        }
        let server: any Channel
        do {
            let directory = incomingSnapshotDirectory
            do {
                try await files.run { try SnapshotFiles.prepareDirectory(directory) }
            } catch {
                throw PeerNetworkError.snapshotDirectoryUnusable(path: directory, reason: "\(error)")
            }
            server = try await PeerListener.bind(
                host: configuration.listenHost, port: configuration.listenPort, group: eventLoopGroup,
                codec: encoder.codec, connections: inboundChannels, settings: inboundSettings,
                tls: configuration.tls, refusals: tlsRefusals)
        } catch {
            state.withLock { $0.lifecycle = .idle }
            throw error
        }
        let address = PeerAddress(
            host: configuration.listenHost, port: server.localAddress?.port ?? configuration.listenPort)
        let started = state.withLock { state in
            guard state.lifecycle == .starting else { return false }
            state.lifecycle = .running
            state.localAddress = address
            state.listener = server
            for (id, peerAddress) in state.peers {
                state.links[id] = startLink(to: id, at: peerAddress)
            }
            return true
        }
        guard started else {
            // `shutdown()` ran while binding.
            try? await server.close()
            throw PeerNetworkError.notStartable
        }
        logger.info("listening for peers", metadata: ["address": "\(address)"])
        return address
    }

    /// Hands messages to the network and returns at once. Messages for the same peer go as
    /// one frame (split only if larger than a frame), in order; `.snapshot` messages start a
    /// snapshot transfer. Messages for an unknown or unreachable peer are dropped and
    /// reported as `.unreachable`. Before `start()` every message is reported unreachable;
    /// after `shutdown()` messages are ignored. While `isolation` is on every message is lost
    /// silently, as on a cut link (a snapshot transfer is reported failed, so Raft retries it).
    public func send(_ messages: [Message]) {
        guard !isolation.isActive else {
            for message in messages where message.type == .snapshot {
                outlet.deliver(.snapshotSent(to: message.to, success: false))
            }
            return
        }
        var batches: [NodeID: [Message]] = [:]
        for message in messages {
            if message.type == .snapshot {
                startSnapshotTransfer(message)
            } else {
                batches[message.to, default: []].append(message)
            }
        }
        guard !batches.isEmpty else { return }
        let (lifecycle, links) = state.withLock { ($0.lifecycle, $0.links) }
        guard lifecycle != .stopped else { return }
        for (peer, batch) in batches {
            if let entry = links[peer] {
                entry.link.send(batch)
            } else {
                logger.debug(
                    "no link to peer; messages dropped", metadata: ["peer": "\(peer)", "count": "\(batch.count)"])
                outlet.deliver(.unreachable(peer))
            }
        }
    }

    /// Delivers every event from now on to `sink`, those that arrived since `start()` first.
    /// Call it once, as soon as the consumer exists.
    public func attach(_ sink: any PeerEventSink) {
        outlet.attach(sink)
    }

    /// Replaces the set of peers after a membership change: dials new peers, stops the links
    /// of removed ones (dropping what they had queued) and redials peers whose address
    /// changed. An entry for this node is ignored.
    public func updatePeers(_ peers: [NodeID: PeerAddress]) {
        let stopped = state.withLock { state in
            state.peers = peers.filter { $0.key != configuration.localID }
            guard state.lifecycle == .running else { return [OutboundLink]() }
            var stopped: [OutboundLink] = []
            for (id, entry) in state.links where state.peers[id] != entry.link.address {
                entry.task?.cancel()
                stopped.append(entry.link)
                state.links[id] = nil
            }
            for (id, address) in state.peers where state.links[id] == nil {
                state.links[id] = startLink(to: id, at: address)
            }
            return stopped
        }
        for link in stopped {
            link.close()
            logger.info("stopped link to removed peer", metadata: ["peer": "\(link.peerID)"])
        }
    }

    /// Stops everything: links, listener, accepted connections and snapshot transfers, and
    /// waits until they are gone; unfinished incoming snapshots are deleted. No event is
    /// delivered once it returns. Safe to call more than once and before `start()`.
    public func shutdown() async {
        let (links, listener) = state.withLock { state in
            state.lifecycle = .stopped
            defer {
                state.links = [:]
                state.listener = nil
            }
            return (state.links.values.map(\.link), state.listener)
        }
        for link in links {
            link.close()
        }
        try? await listener?.close()
        await tasks.cancelAllAndWait()
        await inboundChannels.closeAll()
        outlet.close()
    }

    /// What the handlers of accepted connections need.
    private var inboundSettings: InboundConnection.Settings {
        InboundConnection.Settings(
            localID: configuration.localID, clusterID: configuration.clusterID,
            snapshotDirectory: incomingSnapshotDirectory, maxSnapshotSize: configuration.maxSnapshotSize,
            files: files, outlet: outlet, isolation: isolation, logger: logger)
    }

    /// Creates the link to `peer` and its task; called with the state locked.
    private func startLink(to peer: NodeID, at address: PeerAddress) -> (link: OutboundLink, task: Task<Void, Never>?) {
        let link = OutboundLink(
            peerID: peer, address: address, configuration: configuration, dialer: dialer, encoder: encoder,
            emit: { [outlet] in outlet.deliver($0) }, logger: logger)
        return (link, tasks.spawn { await link.run() })
    }

    /// Streams the snapshot of `message` in a task of its own and reports the outcome.
    private func startSnapshotTransfer(_ message: Message) {
        let address = state.withLock { $0.lifecycle == .running ? $0.peers[message.to] : nil }
        let (sender, outlet, peer) = (snapshotSender, outlet, message.to)
        let task = address.flatMap { address in
            tasks.spawn {
                let success = await sender.send(message, to: address)
                outlet.deliver(.snapshotSent(to: peer, success: success))
            }
        }
        if task == nil {
            logger.warning("cannot send snapshot: peer unknown or network not running", metadata: ["peer": "\(peer)"])
            outlet.deliver(.snapshotSent(to: peer, success: false))
        }
    }
}
