import Dispatch

/// Runs an environment's write transactions one after another on a dedicated queue, for async
/// callers.
///
/// A sync commit blocks its thread for an fsync; doing that on Swift's cooperative thread pool
/// would starve every other task. Callers `await` here instead, and the write body still runs
/// synchronously from begin to commit on one thread, so no transaction crosses an `await`.
public final class SerialWriter: Sendable {
    public let environment: Environment
    private let queue: DispatchQueue

    public init(environment: Environment, label: String = "ecs.kvstore.writer") {
        self.environment = environment
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` in a write transaction on the writer queue and returns its result once the
    /// commit is durable. `body` may run more than once if the map has to grow.
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [environment] in
                continuation.resume(with: Result { try environment.write(body) })
            }
        }
    }
}
