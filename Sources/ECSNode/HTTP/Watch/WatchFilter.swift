/// Which stored events one tenant's watch delivers: the tenant's own sets and the platform
/// layers of the same set names (they change the tenant's resolved configuration too), limited
/// to `sets` when the client named some.
struct WatchFilter: Equatable, Sendable {
    var tenant: String
    /// The set names to deliver; `nil` means every set.
    var sets: Set<String>?

    func matches(_ event: EventRecord) -> Bool {
        switch event.namespace {
        case .platform: break
        case .tenant(let owner): guard owner == tenant else { return false }
        }
        return sets?.contains(event.set) ?? true
    }
}
