/// The leader lease behind `ReadOnlyOption.leaseBased` (thesis §6.4.1): both halves of the
/// bargain, measured in ticks.
///
/// * A follower that acknowledges a heartbeat promises not to help elect anyone else
///   (no vote, no pre-vote) for one election timeout — a promise it must keep even across a
///   restart, because it forgets who it heard from.
/// * The leader stamps every heartbeat with its own tick count and keeps, per voter, the
///   stamp of the newest heartbeat that voter acknowledged. The quorum-th newest stamp (in
///   both majorities of a joint configuration) starts its lease: every quorum that could
///   elect a new leader holds a voter that promised, after that tick, to wait an election
///   timeout. The leader serves lease reads only until then, minus a safety margin.
extension RaftNode {
    /// Ticks the leader's lease is cut short by: one for the phase offset between the
    /// leader's and a follower's tick boundaries (a promise may be received just before the
    /// follower's next tick), one for clock drift over an election timeout (see
    /// `ReadOnlyOption.leaseBased`).
    public static let leaseSafetyMarginTicks: UInt64 = 2

    // MARK: Follower side

    /// Acknowledging a heartbeat promises not to vote for an election timeout.
    func promiseLease() {
        leasePromisedUntil = max(leasePromisedUntil, clock + UInt64(config.electionTick))
    }

    /// Whether a (pre-)vote must be withheld because this replica may still be inside a lease
    /// it promised — possibly before a restart that made it forget the promise, which is why
    /// a new instance starts bound for one election timeout. A leadership-transfer campaign
    /// is exempt: the leader that started it gave up its lease (see `forfeitLease()`).
    func isBoundByLeasePromise(against request: Message) -> Bool {
        config.readOnlyOption == .leaseBased && request.context != Self.transferCampaignContext
            && clock < leasePromisedUntil
    }

    // MARK: Leader side

    /// Records that `peer` acknowledged the heartbeat this leader sent at tick `sentAt`.
    func recordLeaseAcknowledgement(from peer: NodeID, sentAt: UInt64) {
        leaseAcknowledgements[peer] = max(leaseAcknowledgements[peer] ?? 0, sentAt)
    }

    /// A `timeoutNow` makes its recipient campaign through every lease (thesis §3.10), at any
    /// later moment since the message may be delayed: no lease read for the rest of the term.
    func forfeitLease() {
        isLeaseForfeited = true
    }

    /// Whether the lease is provably still valid: nobody else can have been elected yet.
    var holdsReadLease: Bool {
        guard !isLeaseForfeited, let start = leaseStart else { return false }
        return clock + Self.leaseSafetyMarginTicks < start + UInt64(config.electionTick)
    }

    /// The send tick of the newest heartbeat acknowledged by a quorum — of both majorities
    /// when joint (thesis §4.3) — or nil while no quorum acknowledged any.
    private var leaseStart: UInt64? {
        let voters = tracker.config.voters
        guard let incoming = quorumAcknowledgedTick(of: voters.incoming) else { return nil }
        guard voters.isJoint else { return incoming }
        guard let outgoing = quorumAcknowledgedTick(of: voters.outgoing) else { return nil }
        return min(incoming, outgoing)
    }

    /// The quorum-th newest acknowledged send tick among `majority`; the leader itself
    /// counts as acknowledging now.
    private func quorumAcknowledgedTick(of majority: MajorityConfig) -> UInt64? {
        let ticks = majority.voters.compactMap { $0 == id ? clock : leaseAcknowledgements[$0] }.sorted(by: >)
        let quorum = majority.voters.count / 2 + 1
        return ticks.count >= quorum ? ticks[quorum - 1] : nil
    }
}
