/// Why a failover drill did not complete, in the ways a script reacts to differently: the region
/// refused or could not be reached, the region was not in a state to drill, or it did not
/// recover in time (a finding of the drill).
public enum DrillError: Error, Equatable, CustomStringConvertible {
    /// A call to the region failed (see `AdminError`).
    case admin(AdminError)
    /// The region names no leader at the start: there is nothing to fail over from.
    case noLeader(node: String)
    /// Fewer than three voters: without its leader the region has no quorum left to elect one.
    case tooFewVoters(Int)
    /// The leader's HTTP address is unknown or unusable, so it cannot be asked to isolate itself.
    case leaderAddressUnknown(leader: String, address: String)
    /// A phase did not finish in time; the old leader's isolation was ended regardless.
    case timedOut(phase: String, after: Duration)

    public var description: String {
        switch self {
        case .admin(let error):
            "\(error)"
        case .noLeader(let node):
            "no leader to fail over from: \(node) knows none; check `ecsctl status`"
        case .tooFewVoters(let count):
            "the region has \(count) voter\(count == 1 ? "" : "s"); a drill needs at least 3, "
                + "or the others cannot elect a leader without the old one"
        case .leaderAddressUnknown(let leader, let address):
            "the leader \(leader)'s HTTP address '\(address)' is not usable; it cannot be isolated"
        case .timedOut(let phase, let after):
            "timed out after \(after) waiting for \(phase); the old leader's isolation was ended"
        }
    }
}
