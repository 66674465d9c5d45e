/// One tenant's allowance of writes: `rate` tokens a second flow in, up to `capacity`; a write
/// takes one. A value without a clock of its own, so its arithmetic is tested with made-up times.
struct TokenBucket: Sendable {
    private(set) var tokens: Double
    private(set) var updated: ContinuousClock.Instant

    /// A full bucket at `now`.
    init(capacity: Double, at now: ContinuousClock.Instant) {
        tokens = capacity
        updated = now
    }

    /// Takes one token at `now`: `nil` when there was one, otherwise how long until there is
    /// (and nothing is taken). `rate` and `capacity` come with every call, so a tenant whose
    /// edition changed gets its new limits at once.
    mutating func take(rate: Double, capacity: Double, at now: ContinuousClock.Instant) -> Duration? {
        if now > updated {
            let (seconds, attoseconds) = (now - updated).components
            tokens = min(capacity, tokens + rate * (Double(seconds) + Double(attoseconds) / 1e18))
            updated = now
        }
        guard tokens < 1 else {
            tokens -= 1
            return nil
        }
        return .seconds((1 - tokens) / rate)
    }
}
