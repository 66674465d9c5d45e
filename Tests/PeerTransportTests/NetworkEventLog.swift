import PeerTransport
import Raft

/// Generous bound for anything that should happen "soon" on a loaded CI machine; a test
/// waiting this long has failed, it does not hang. Measured with `WaitBudget`, so time the
/// whole process stood still does not count.
let eventTimeout: Duration = .seconds(30)

/// A timeout that counts only the time this process was able to run. Other suites (the
/// fuzzers' exit tests, for one) can occupy every thread of the cooperative pool for longer
/// than any timeout; a wall-clock deadline would then expire while the awaited event sat
/// undelivered behind the stall. The budget is spent in short ticks, and a tick that took
/// far longer than asked is counted as `maximumTick`.
struct WaitBudget {
    static let tick: Duration = .milliseconds(50)
    static let maximumTick: Duration = .milliseconds(200)

    private(set) var remaining: Duration

    init(_ timeout: Duration) {
        remaining = timeout
    }

    var isExhausted: Bool { remaining <= .zero }

    /// Charges the time since `start`, capped at `maximumTick`.
    mutating func charge(since start: ContinuousClock.Instant) {
        remaining -= min(start.duration(to: .now), Self.maximumTick)
    }

    /// Sleeps one tick and charges it; false once the budget is spent or the task was
    /// cancelled (a cancelled sleep returns at once and would spin through the budget).
    mutating func tick() async -> Bool {
        let start = ContinuousClock.now
        do {
            try await Task.sleep(for: Self.tick)
        } catch {
            return false
        }
        charge(since: start)
        return !isExhausted
    }
}

/// A test failure raised instead of waiting forever.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Collects a network's events so that tests can wait for particular ones with a deadline
/// (a missing event fails the test instead of hanging it) and check what else arrived.
actor EventLog {
    private var pending: [PeerNetworkEvent] = []
    private var finished = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    /// Starts recording `events`; recording ends when the stream finishes.
    static func recording(_ events: AsyncStream<PeerNetworkEvent>) -> EventLog {
        let log = EventLog()
        Task {
            for await event in events {
                await log.append(event)
            }
            await log.finish()
        }
        return log
    }

    /// Removes and returns the first event `match` maps to a value, waiting up to `timeout`
    /// for it; nil if none arrived in time (or the stream ended).
    func first<T: Sendable>(
        within timeout: Duration = eventTimeout, _ match: @Sendable (PeerNetworkEvent) -> T?
    ) async -> T? {
        var budget = WaitBudget(timeout)
        while true {
            for (index, event) in pending.enumerated() {
                if let value = match(event) {
                    pending.remove(at: index)
                    return value
                }
            }
            if finished || budget.isExhausted { return nil }
            let start = ContinuousClock.now
            await waitForChange(atMost: WaitBudget.tick)
            budget.charge(since: start)
        }
    }

    /// Like `first`, but a missing event is an error that fails the test.
    func require<T: Sendable>(
        _ what: String, within timeout: Duration = eventTimeout, _ match: @Sendable (PeerNetworkEvent) -> T?
    ) async throws -> T {
        guard let value = await first(within: timeout, match) else { throw TimedOut(what: what) }
        return value
    }

    /// Waits until the stream has finished (after `shutdown()`), then returns every event
    /// not yet taken.
    func remainingAfterShutdown() async throws -> [PeerNetworkEvent] {
        var budget = WaitBudget(eventTimeout)
        while !finished {
            guard !budget.isExhausted else { throw TimedOut(what: "the event stream to finish") }
            let start = ContinuousClock.now
            await waitForChange(atMost: WaitBudget.tick)
            budget.charge(since: start)
        }
        return pending
    }

    /// Every event not yet taken.
    var untaken: [PeerNetworkEvent] { pending }

    private func append(_ event: PeerNetworkEvent) {
        pending.append(event)
        wakeAll()
    }

    private func finish() {
        finished = true
        wakeAll()
    }

    /// Returns when an event arrives or the stream finishes, or after `limit`.
    private func waitForChange(atMost limit: Duration) async {
        let id = nextWaiter
        nextWaiter += 1
        await withCheckedContinuation { continuation in
            waiters[id] = continuation
            Task {
                try? await Task.sleep(for: limit)
                self.wake(id)
            }
        }
    }

    private func wake(_ id: UInt64) {
        waiters.removeValue(forKey: id)?.resume()
    }

    private func wakeAll() {
        for continuation in waiters.values {
            continuation.resume()
        }
        waiters = [:]
    }
}

extension PeerNetworkEvent {
    /// The messages of a `.messages` event.
    var messages: [Message]? {
        if case .messages(let messages) = self { messages } else { nil }
    }
}

/// The peer of an `.unreachable` event.
func unreachablePeer(_ event: PeerNetworkEvent) -> NodeID? {
    if case .unreachable(let peer) = event { peer } else { nil }
}
