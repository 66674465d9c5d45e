import Logging
import NIOCore
import Raft

/// This node's connection to one peer, for its own outbound traffic: dials, has the
/// connection's `OutboundWriter` write queued batches, and redials with backoff when the
/// connection fails. The peer's traffic to this
/// node arrives on the connection the peer dials (one stream per direction, as in etcd), so
/// the link never reads.
final class OutboundLink: Sendable {
    /// The peer this link sends to.
    let peerID: NodeID
    /// Where the peer listens; a changed address means a new link.
    let address: PeerAddress
    private let queue: OutboundQueue
    private let dialer: PeerDialer
    private let encoder: BatchEncoder
    private let minimumDelay: Duration
    private let maximumDelay: Duration
    private let emit: @Sendable (PeerNetworkEvent) -> Void
    private let logger: Logger

    init(
        peerID: NodeID, address: PeerAddress, configuration: PeerNetworkConfiguration, dialer: PeerDialer,
        encoder: BatchEncoder, emit: @escaping @Sendable (PeerNetworkEvent) -> Void, logger: Logger
    ) {
        self.peerID = peerID
        self.address = address
        self.queue = OutboundQueue(
            maxMessages: configuration.maxQueuedMessages, maxBytes: configuration.maxQueuedBytes)
        self.dialer = dialer
        self.encoder = encoder
        self.minimumDelay = configuration.minimumReconnectDelay
        self.maximumDelay = configuration.maximumReconnectDelay
        self.emit = emit
        var logger = logger
        logger[metadataKey: "peer"] = "\(peerID)"
        logger[metadataKey: "peer-address"] = "\(address)"
        self.logger = logger
    }

    /// Queues one `send` call's messages for this peer; never blocks on the network.
    func send(_ batch: [Message]) {
        if queue.enqueue(batch) {
            emit(.unreachable(peerID))
        }
    }

    /// Stops for good: drops what waits and ends the writer. The run task still has to be
    /// cancelled to stop a dial or a backoff pause.
    func close() {
        queue.close()
    }

    /// Dials, writes, redials; returns when the task is cancelled.
    func run() async {
        var backoff = ReconnectBackoff(minimum: minimumDelay, maximum: maximumDelay)
        var random = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            queue.beginAttempt()
            let channel: any Channel
            do {
                channel = try await dialer.connect(to: address)
            } catch {
                guard !Task.isCancelled else { break }
                logger.debug("cannot connect to peer", metadata: ["error": "\(error)"])
                if queue.attemptFailed() { emit(.unreachable(peerID)) }
                try? await Task.sleep(for: backoff.next(using: &random))
                continue
            }
            logger.info("connected to peer")
            let start = ContinuousClock.now
            let failure = await stream(over: channel)
            channel.close(promise: nil)
            guard !Task.isCancelled else { break }
            logger.info(
                "lost connection to peer", metadata: ["error": "\(failure.map { "\($0)" } ?? "closed by peer")"])
            if queue.connectionLost() { emit(.unreachable(peerID)) }
            if start.duration(to: .now) >= maximumDelay { backoff.reset() }
            try? await Task.sleep(for: backoff.next(using: &random))
        }
        queue.close()
    }

    /// Puts an `OutboundWriter` on the connection and waits until the connection closes or the
    /// task is cancelled; returns the error that ended it, if one did.
    private func stream(over channel: any Channel) async -> (any Error)? {
        let (queue, encoder, peerID, emit, logger) = (queue, encoder, peerID, emit, logger)
        let writer: NIOLoopBound<OutboundWriter>
        do {
            writer = try await channel.eventLoop.submit {
                let writer = OutboundWriter(queue: queue, encoder: encoder) { oversized in
                    logger.error(
                        "dropping messages larger than a frame",
                        metadata: ["count": "\(oversized.count)", "types": "\(Set(oversized.map(\.type)))"])
                    emit(.unreachable(peerID))
                }
                try channel.pipeline.syncOperations.addHandler(writer)
                return NIOLoopBound(writer, eventLoop: channel.eventLoop)
            }.get()
        } catch {
            return error
        }
        let drain: @Sendable () -> Void = { channel.eventLoop.execute { writer.value.drain() } }
        if queue.connected(wakeup: drain) { drain() }
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            // Also ends a connection whose writes wait for a peer that stopped reading.
            channel.close(promise: nil)
        }
        return try? await channel.eventLoop.submit { writer.value.failure }.get()
    }
}
