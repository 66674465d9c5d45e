import Synchronization

/// Records a concurrent history as clients run: `invoke` before sending a request, then
/// `complete` with the response or `completeUnknown` when the call timed out or its connection
/// dropped. Every time comes from one monotonic clock read under the lock, so the recorded order
/// of events is the real order in which the clients observed them.
public final class HistoryRecorder<Input: Sendable, Output: Sendable>: Sendable {
    private struct Pending {
        var clientID: Int
        var input: Input
        var invokedAt: UInt64
        var outcome: Outcome<Output>?
    }

    private let origin = ContinuousClock.now
    private let operations = Mutex<[Pending]>([])

    public init() {}

    /// Records the invocation now; returns the operation's id, which is also its index in
    /// `history()` and the `#id` explanations use.
    public func invoke(clientID: Int, _ input: Input) -> Int {
        operations.withLock { operations in
            operations.append(Pending(clientID: clientID, input: input, invokedAt: now()))
            return operations.count - 1
        }
    }

    /// Records that operation `id` answered `output`, now.
    public func complete(_ id: Int, _ output: Output) {
        finish(id) { .completed(output, at: now()) }
    }

    /// Records that operation `id` may or may not have taken effect.
    public func completeUnknown(_ id: Int) {
        finish(id) { .unknown }
    }

    /// Everything recorded so far. Operations still in flight count as unknown outcomes: they may
    /// yet take effect.
    public func history() -> [Operation<Input, Output>] {
        operations.withLock { operations in
            operations.map {
                Operation(
                    clientID: $0.clientID, input: $0.input, invokedAt: $0.invokedAt, outcome: $0.outcome ?? .unknown)
            }
        }
    }

    private func finish(_ id: Int, _ outcome: () -> Outcome<Output>) {
        operations.withLock { operations in
            precondition(operations.indices.contains(id), "no operation \(id) was invoked")
            precondition(operations[id].outcome == nil, "operation \(id) already completed")
            operations[id].outcome = outcome()
        }
    }

    /// Nanoseconds since the recorder was created.
    private func now() -> UInt64 {
        let elapsed = (ContinuousClock.now - origin).components
        return UInt64(elapsed.seconds) * 1_000_000_000 + UInt64(elapsed.attoseconds / 1_000_000_000)
    }
}
