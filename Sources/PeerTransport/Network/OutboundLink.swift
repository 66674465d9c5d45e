import Logging
import NIOCore
import Raft

/// This node's connection to one peer, for its own outbound traffic: dials, writes queued
/// batches, and redials with backoff when the connection fails. The peer's traffic to this
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
            let failure = await pump(channel)
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

    /// Writes queued batches until the channel closes, a write fails or the task is
    /// cancelled; returns the write error, if any. Each wake-up takes everything queued,
    /// writes it as one buffer and flushes once, then waits for the write to complete: that
    /// wait is the backpressure that lets the queue, not the channel, absorb a slow peer.
    private func pump(_ channel: any Channel) async -> (any Error)? {
        let (signal, continuation) = queue.connected()
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return await withTaskCancellationHandler {
            do {
                for await _ in signal {
                    let batches = queue.takeAll()
                    guard !batches.isEmpty else { continue }
                    var buffer = channel.allocator.buffer(capacity: 0)
                    let oversized = encoder.encode(batches, into: &buffer)
                    if !oversized.isEmpty {
                        logger.error(
                            "dropping messages larger than a frame",
                            metadata: ["count": "\(oversized.count)", "types": "\(Set(oversized.map(\.type)))"])
                        emit(.unreachable(peerID))
                    }
                    if buffer.readableBytes > 0 {
                        try await channel.writeAndFlush(buffer).get()
                    }
                }
                return nil
            } catch {
                return error
            }
        } onCancel: {
            // A write waiting for a peer that stopped reading would never complete.
            channel.close(promise: nil)
        }
    }
}
