import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An operator's partition of one node from its peers, for failover drills run through the API
/// (`POST /v1/cluster/isolate`): while it lasts the network drops every Raft message and
/// snapshot chunk this node would send or receive, exactly as a cut cable would, and the
/// connections stay up so that traffic resumes the moment it ends.
///
/// It lives in the network, not in Raft: the consensus core sees a silent network and reacts as
/// it would to a real partition (check-quorum makes an isolated leader step down, the others
/// elect a new one; on rejoin the higher term wins). An isolation always ends by itself: a timer
/// on an event loop lifts it after the requested duration (at most `longest`), so a drill whose
/// operator disappeared cannot leave a node cut off.
public final class PeerIsolation: Sendable {
    /// The longest isolation accepted: long enough for any drill, short enough that a forgotten
    /// one heals on its own.
    public static let longest: Duration = .seconds(300)

    private struct State {
        var deadline: NIODeadline?
        var timer: Scheduled<Void>?
        /// Increments with every change, so that a timer that fires after being replaced (its
        /// cancellation raced with its firing) lifts nothing.
        var generation: UInt64 = 0
    }

    private let eventLoop: any EventLoop
    private let logger: Logger
    private let state = Mutex(State())
    /// The hot path's view of `state.deadline != nil`: checked on every send and every inbound
    /// batch, written only under the lock.
    private let active = Atomic<Bool>(false)

    /// An isolation switch that is off; `eventLoop` runs its expiry timers.
    public init(
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        logger: Logger = Logger(label: "ecs.peer-isolation")
    ) {
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// Whether peer traffic is being dropped right now.
    public var isActive: Bool { active.load(ordering: .acquiring) }

    /// How long the isolation in force still lasts, or nil when there is none.
    public var remaining: Duration? {
        state.withLock { state in
            state.deadline.map { deadline in
                let nanoseconds = max(0, (deadline - NIODeadline.now()).nanoseconds)
                return .nanoseconds(nanoseconds)
            }
        }
    }

    /// Cuts this node off its peers for `duration` from now (clamped to `longest`), replacing any
    /// isolation in force; a zero or negative duration ends it instead.
    public func begin(for duration: Duration) {
        guard duration > .zero else { return end() }
        let length = TimeAmount(min(duration, Self.longest))
        let deadline = NIODeadline.now() + length
        let previous = state.withLock { state in
            state.generation += 1
            let generation = state.generation
            let previous = state.timer
            state.deadline = deadline
            state.timer = eventLoop.scheduleTask(deadline: deadline) { self.expire(generation) }
            active.store(true, ordering: .releasing)
            return previous
        }
        previous?.cancel()
        logger.notice(
            "isolated from every peer by an operator", metadata: ["seconds": "\(length.nanoseconds / 1_000_000_000)"])
    }

    /// Lets peer traffic through again at once.
    public func end() {
        let previous = state.withLock { state in
            state.generation += 1
            return lift(&state)
        }
        guard let previous else { return }
        previous.cancel()
        logger.notice("isolation ended by an operator; rejoining the region")
    }

    /// The timer's end of the isolation of `generation`, unless it was replaced or ended since.
    private func expire(_ generation: UInt64) {
        let expired = state.withLock { state in
            guard state.generation == generation else { return false }
            return lift(&state) != nil
        }
        if expired { logger.notice("isolation expired; rejoining the region") }
    }

    /// Clears the isolation under the lock; returns the timer of the one that was in force.
    private func lift(_ state: inout State) -> Scheduled<Void>? {
        guard state.deadline != nil else { return nil }
        let timer = state.timer
        state.deadline = nil
        state.timer = nil
        active.store(false, ordering: .releasing)
        return timer
    }
}
