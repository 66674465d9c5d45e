import Synchronization

/// Writes per second per tenant (`EditionLimits.writesPerSecond`): one `TokenBucket` per tenant,
/// in this node's memory, with bursts of twice the rate.
///
/// Admission control, not state: it is not replicated, and only the node that proposes (the
/// leader) consults it, so a tenant's rate holds across all the nodes its writes arrive at.
/// After a leader change the new leader starts with full buckets, which at worst allows one
/// extra burst. One bucket per tenant that wrote through this node — bounded by the tenant
/// directory, since writes for unknown tenants are refused before they get here.
final class WriteRateLimiter: Sendable {
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let now: @Sendable () -> ContinuousClock.Instant

    init(now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.now = now
    }

    /// Takes one write of `tenant` at `perSecond`: `nil` when allowed, otherwise the whole
    /// seconds (at least 1) after which a write will be, for `Retry-After`.
    func take(_ tenant: String, perSecond: Int) -> Int? {
        let rate = Double(perSecond)
        let capacity = 2 * rate
        let instant = now()
        let wait = buckets.withLock { buckets in
            buckets[tenant, default: TokenBucket(capacity: capacity, at: instant)].take(
                rate: rate, capacity: capacity, at: instant)
        }
        return wait.map { wait in
            let (seconds, attoseconds) = wait.components
            return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
        }
    }
}
