import Synchronization

/// Metric objects made the first time their labels are seen and kept after that, so that
/// recording costs one dictionary lookup under a lock (held for no `await`) instead of building
/// label arrays and asking the registry on every request.
final class MetricCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    /// The value kept for `key`, made by `make` the first time. `make` runs outside the lock; two
    /// first uses at once may both make one, and the first kept wins (the registry hands back the
    /// same series for the same name and labels anyway).
    func value(for key: Key, make: () -> Value) -> Value {
        if let found = values.withLock({ $0[key] }) { return found }
        let made = make()
        return values.withLock { cached in
            if let existing = cached[key] { return existing }
            cached[key] = made
            return made
        }
    }
}
