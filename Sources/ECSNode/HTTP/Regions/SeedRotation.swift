import Synchronization

/// The endpoint of each region that answered last, tried first next time: a region's first seed
/// may be down for hours, and paying a failed connection on every request to learn that again
/// would slow every forwarded request by the connect timeout. Shared by every request of the
/// node, hence the lock.
final class SeedRotation: Sendable {
    private let preferred = Mutex<[String: String]>([:])

    /// `seeds` of `region` in the order to try them: from the one that answered last, then the
    /// ones after it, wrapping around (the configured order when none has answered yet).
    func order(_ seeds: [String], of region: String) -> [String] {
        guard let sticky = preferred.withLock({ $0[region] }), let start = seeds.firstIndex(of: sticky) else {
            return seeds
        }
        return Array(seeds[start...] + seeds[..<start])
    }

    /// Remembers that `seed` of `region` answered.
    func answered(_ seed: String, of region: String) {
        preferred.withLock { $0[region] = seed }
    }
}
