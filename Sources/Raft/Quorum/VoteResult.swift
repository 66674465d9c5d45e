/// Outcome of counting votes (or acknowledgements) against a quorum.
enum VoteResult: Sendable, Hashable {
    /// Not decided yet: enough voters have not answered.
    case pending
    /// A quorum can no longer be reached.
    case lost
    /// A quorum agreed.
    case won
}
