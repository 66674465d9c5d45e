import Synchronization

/// The watch streams each tenant holds open on this node, so that one tenant cannot take all of
/// a node's connections (the edition's `max-watches`).
///
/// A slot is a `WatchLease` that the stream's response body keeps: when the response is done
/// with — the stream ended, the client went away, or the body was never written — the lease is
/// released with it, so no path can leak a slot.
final class WatchSlots: Sendable {
    private let open = Mutex<[String: Int]>([:])

    /// A slot for `tenant`, or `nil` when it already holds `limit` streams here.
    func lease(for tenant: String, limit: Int) -> WatchLease? {
        let granted = open.withLock { open in
            guard open[tenant, default: 0] < limit else { return false }
            open[tenant, default: 0] += 1
            return true
        }
        return granted ? WatchLease(tenant: tenant, slots: self) : nil
    }

    /// How many streams `tenant` holds open here.
    func count(for tenant: String) -> Int {
        open.withLock { $0[tenant, default: 0] }
    }

    fileprivate func release(_ tenant: String) {
        open.withLock { open in
            let left = open[tenant, default: 1] - 1
            open[tenant] = left > 0 ? left : nil
        }
    }
}

/// One open watch stream's slot; released when the last reference goes.
final class WatchLease: Sendable {
    private let tenant: String
    private let slots: WatchSlots

    fileprivate init(tenant: String, slots: WatchSlots) {
        self.tenant = tenant
        self.slots = slots
    }

    deinit {
        slots.release(tenant)
    }
}
