/// The delays between dials of an unreachable peer: exponential, so that a dead peer costs
/// little, capped, so that a peer that comes back is found within `maximum`, and jittered, so
/// that the nodes of a cluster restarted together do not redial in lockstep.
struct ReconnectBackoff {
    /// The delay ceiling of the first retry.
    let minimum: Duration
    /// The delay ceiling every retry eventually reaches.
    let maximum: Duration
    /// The ceiling of the next delay.
    private var ceiling: Duration

    /// Starts at `minimum`.
    init(minimum: Duration, maximum: Duration) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
        self.ceiling = minimum
    }

    /// The next delay, then doubles the ceiling up to `maximum`. "Equal jitter": the delay is
    /// uniformly drawn from the upper half of the ceiling, so it is never close to zero (no
    /// busy redialing) yet spreads the nodes apart.
    mutating func next(using random: inout some RandomNumberGenerator) -> Duration {
        let current = ceiling
        ceiling = min(ceiling * 2, maximum)
        let half = current.nanoseconds / 2
        return .nanoseconds(half + Int64.random(in: 0...max(half, 0), using: &random))
    }

    /// Back to `minimum`, after a connection that worked for a while.
    mutating func reset() {
        ceiling = minimum
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating (far beyond any delay used here).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : scaled &+ attoseconds / 1_000_000_000
    }
}
