import Logging
import NIOCore
import Raft

/// Serves one accepted connection on its event loop: takes frames in order, enforces the
/// protocol rules (`InboundSession`, `SnapshotReceiver`) and delivers valid traffic to the
/// node's sink straight from the loop — no task in between, since a hop between threads is
/// paid on every replicated write. Any violation or malformed frame ends the connection with
/// one log line; the peer redials with a fresh stream. Nothing here can stop the listener or
/// other connections.
///
/// A snapshot chunk's file work runs on the thread pool; until it is done reading is paused
/// and frames already decoded wait their turn, so that everything stays in order. Frames that
/// arrived before the peer closed the connection are still handled; `finished` completes once
/// the connection is closed, nothing is left to handle and no file work is in flight.
final class InboundConnection: ChannelInboundHandler {
    typealias InboundIn = PeerFrame

    /// What every connection's handler needs from the network.
    struct Settings: Sendable {
        let localID: NodeID
        let clusterID: ClusterID
        let snapshotDirectory: String
        let maxSnapshotSize: UInt64
        let files: BlockingFileWork
        let outlet: EventOutlet
        /// While on, Raft batches are dropped and snapshot transfers refused (see `PeerIsolation`).
        let isolation: PeerIsolation
        let logger: Logger
    }

    private let outlet: EventOutlet
    private let isolation: PeerIsolation
    private var logger: Logger
    private var session: InboundSession
    private let receiver: SnapshotReceiver
    /// Frames that arrived while a chunk was being written, oldest first.
    private var waiting = CircularBuffer<PeerFrame>()
    private var writingChunk = false
    /// A rule was broken: no frame is handled any more.
    private var ended = false
    /// The channel closed; what waits is still handled, then the receiver's files go.
    private var inactive = false
    /// Completed when the connection is over and its unclaimed files are deleted.
    let finished: EventLoopPromise<Void>

    init(settings: Settings, remote: String, eventLoop: any EventLoop) {
        outlet = settings.outlet
        isolation = settings.isolation
        logger = settings.logger
        logger[metadataKey: "remote"] = "\(remote)"
        session = InboundSession(localID: settings.localID, clusterID: settings.clusterID)
        receiver = SnapshotReceiver(
            directory: settings.snapshotDirectory, maxSize: settings.maxSnapshotSize, files: settings.files,
            eventLoop: eventLoop)
        finished = eventLoop.makePromise()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !ended else { return }
        if writingChunk {
            waiting.append(frame)
        } else {
            handle(frame, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(context, because: error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !ended { logger.debug("peer closed its connection") }
        inactive = true
        handleWaiting(context: context)
        context.fireChannelInactive()
    }

    /// Normally after `channelInactive`; alone when the channel never became active.
    func handlerRemoved(context: ChannelHandlerContext) {
        guard !inactive else { return }
        inactive = true
        handleWaiting(context: context)
    }

    private func handle(_ frame: PeerFrame, context: ChannelHandlerContext) {
        do {
            switch frame {
            case .hello(let hello):
                try session.accept(hello)
                logger[metadataKey: "peer"] = "\(hello.nodeID)"
                logger.debug("peer said hello", metadata: ["region": "\(hello.region.value)"])
            case .raftBatch(let messages):
                _ = try session.requirePeer(before: "a raft batch")
                try session.check(messages)
                // Lost on the cut link; the connection stays, so traffic resumes with the isolation's end.
                guard !isolation.isActive else { return }
                try deliver(messages)
            case .snapshotChunk(let chunk):
                let peer = try session.requirePeer(before: "a snapshot chunk")
                guard !isolation.isActive else { throw PeerIsolated() }
                writingChunk = true
                context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
                receiver.append(chunk, from: peer.nodeID).assumeIsolated().whenComplete { result in
                    self.chunkWritten(result, context: context)
                }
            }
        } catch {
            end(context, because: error)
        }
    }

    /// Resumes after a chunk's file work.
    private func chunkWritten(_ result: Result<Void, any Error>, context: ChannelHandlerContext) {
        writingChunk = false
        if case .failure(let error) = result { end(context, because: error) }
        handleWaiting(context: context)
    }

    /// Handles the frames that waited for a chunk's file work, then reads on; or, once the
    /// channel is closed and nothing is left, deletes the receiver's files and finishes.
    private func handleWaiting(context: ChannelHandlerContext) {
        while !writingChunk, !ended, let frame = waiting.popFirst() {
            handle(frame, context: context)
        }
        guard !writingChunk else { return }
        if inactive {
            receiver.discard()
            finished.succeed()
        } else if !ended {
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
        }
    }

    /// Closes the connection with one log line saying why.
    private func end(_ context: ChannelHandlerContext, because error: any Error) {
        guard !ended else { return }
        ended = true
        waiting.removeAll()
        switch error {
        case let violation as InboundViolation:
            logger.warning("closing peer connection: protocol violation: \(violation)")
        case is PeerIsolated:
            logger.info("closing peer connection: a snapshot arrived while this node is isolated")
        case let error as PeerFrameError:
            logger.warning("closing peer connection: malformed frame: \(error)")
        default:
            logger.info("closing peer connection: \(error)")
        }
        context.close(promise: nil)
    }

    /// Delivers a checked batch in order: runs of ordinary messages as `.messages`, a snapshot
    /// message as `.snapshotReceived` with the file its chunks filled.
    private func deliver(_ messages: [Message]) throws(InboundViolation) {
        guard messages.contains(where: { $0.type == .snapshot }) else {
            outlet.deliver(.messages(messages))
            return
        }
        var run: [Message] = []
        for message in messages {
            guard message.type == .snapshot else {
                run.append(message)
                continue
            }
            // Claimed before the messages ahead of it are delivered, so that a refused snapshot
            // message delivers nothing of its batch (`check` allows one per batch).
            let file = try receiver.claim(message)
            if !run.isEmpty { outlet.deliver(.messages(run)) }
            run = []
            outlet.deliver(.snapshotReceived(message: message, file: file))
        }
        if !run.isEmpty { outlet.deliver(.messages(run)) }
    }
}

/// Ends a snapshot transfer that arrives during an isolation: its partial file is discarded and
/// the sender reports the failure to its Raft, which retries once the isolation is over.
private struct PeerIsolated: Error {}
