import Raft
import Synchronization

/// One peer's outbound queue, shared by `send` (any thread, never blocks beyond a short
/// lock) and the link's writer task. The rules live in `OutboundQueueState`; this class adds
/// the lock and the wake-up signal of the writer.
final class OutboundQueue: Sendable {
    private struct Guarded {
        var state: OutboundQueueState
        /// Wakes the writer of the current connection; replaced per connection because a
        /// cancelled `AsyncStream` cannot be iterated again.
        var wakeup: AsyncStream<Void>.Continuation?
    }

    private let guarded: Mutex<Guarded>

    init(maxMessages: Int, maxBytes: Int) {
        guarded = Mutex(Guarded(state: OutboundQueueState(maxMessages: maxMessages, maxBytes: maxBytes)))
    }

    /// Queues `batch` for the writer; returns true when the drop of this batch must be
    /// reported as `.unreachable`.
    func enqueue(_ batch: [Message]) -> Bool {
        let (outcome, wakeup) = guarded.withLock { guarded in
            (guarded.state.enqueue(batch), guarded.wakeup)
        }
        switch outcome {
        case .queued(let wake):
            if wake { wakeup?.yield() }
            return false
        case .dropped(let report):
            return report
        }
    }

    /// Every waiting batch, oldest first.
    func takeAll() -> [[Message]] {
        guarded.withLock { $0.state.takeAll() }
    }

    /// See `OutboundQueueState.beginAttempt`.
    func beginAttempt() {
        guarded.withLock { $0.state.beginAttempt() }
    }

    /// Switches to `connected` and returns the wake-up signal for this connection's writer;
    /// it fires at once if batches queued during the dial. Finishing `continuation` (when
    /// the channel closes) ends the writer's loop.
    func connected() -> (signal: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation) {
        let (signal, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let pending = guarded.withLock { guarded in
            guarded.wakeup = continuation
            return guarded.state.connected()
        }
        if pending { continuation.yield() }
        return (signal, continuation)
    }

    /// See `OutboundQueueState.attemptFailed`.
    func attemptFailed() -> Bool {
        guarded.withLock { $0.state.attemptFailed() }
    }

    /// See `OutboundQueueState.connectionLost`; also retires the connection's signal.
    func connectionLost() -> Bool {
        let (report, wakeup) = guarded.withLock { guarded in
            defer { guarded.wakeup = nil }
            return (guarded.state.connectionLost(), guarded.wakeup)
        }
        wakeup?.finish()
        return report
    }

    /// Drops everything from now on and ends the writer's loop.
    func close() {
        let wakeup = guarded.withLock { guarded in
            guarded.state.close()
            defer { guarded.wakeup = nil }
            return guarded.wakeup
        }
        wakeup?.finish()
    }
}
