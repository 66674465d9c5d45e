import Raft
import Synchronization

/// One peer's outbound queue, shared by `send` (any thread, never blocks beyond a short
/// lock) and the connection's `OutboundWriter`. The rules live in `OutboundQueueState`; this
/// class adds the lock and the wake-up of the writer.
final class OutboundQueue: Sendable {
    private struct Guarded {
        var state: OutboundQueueState
        /// Wakes the writer of the current connection.
        var wakeup: (@Sendable () -> Void)?
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
            if wake { wakeup?() }
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

    /// Switches to `connected` with the writer's wake-up; returns whether batches queued during
    /// the dial wait for the writer.
    func connected(wakeup: @escaping @Sendable () -> Void) -> Bool {
        guarded.withLock { guarded in
            guarded.wakeup = wakeup
            return guarded.state.connected()
        }
    }

    /// See `OutboundQueueState.attemptFailed`.
    func attemptFailed() -> Bool {
        guarded.withLock { $0.state.attemptFailed() }
    }

    /// See `OutboundQueueState.connectionLost`; also forgets the connection's writer.
    func connectionLost() -> Bool {
        guarded.withLock { guarded in
            guarded.wakeup = nil
            return guarded.state.connectionLost()
        }
    }

    /// Drops everything from now on.
    func close() {
        guarded.withLock { guarded in
            guarded.state.close()
            guarded.wakeup = nil
        }
    }
}
