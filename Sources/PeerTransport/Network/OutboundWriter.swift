import NIOCore
import Raft

/// Writes one link's queued batches on its connection's event loop: woken by the queue when a
/// batch arrives for an idle connection, and again when the socket takes more after having
/// been full. Nothing is taken from the queue while the channel is not writable, so that the
/// queue, not the channel, absorbs a slow peer (and drops by its rules).
///
/// On the loop rather than in a task of its own: each wake-up of a task is one more hop between
/// threads, paid on every replicated write.
final class OutboundWriter: ChannelInboundHandler {
    /// The acceptor never answers; anything it sends is dropped here.
    typealias InboundIn = ByteBuffer

    private let queue: OutboundQueue
    private let encoder: BatchEncoder
    private let dropOversized: @Sendable ([Message]) -> Void
    private var context: ChannelHandlerContext?
    /// The error that ended the connection, if one did.
    private(set) var failure: (any Error)?

    /// `dropOversized` hears of messages that cannot be sent because even alone they exceed a
    /// frame.
    init(queue: OutboundQueue, encoder: BatchEncoder, dropOversized: @escaping @Sendable ([Message]) -> Void) {
        self.queue = queue
        self.encoder = encoder
        self.dropOversized = dropOversized
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { drain() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = error }
        context.close(promise: nil)
    }

    /// Writes everything queued while the channel takes it, one buffer per wake-up, then
    /// flushes once.
    func drain() {
        guard let context, context.channel.isActive else { return }
        var wrote = false
        while context.channel.isWritable {
            let batches = queue.takeAll()
            guard !batches.isEmpty else { break }
            var buffer = context.channel.allocator.buffer(capacity: 0)
            let oversized = encoder.encode(batches, into: &buffer)
            if !oversized.isEmpty { dropOversized(oversized) }
            guard buffer.readableBytes > 0 else { continue }
            context.write(NIOAny(buffer), promise: nil)
            wrote = true
        }
        if wrote { context.flush() }
    }
}
