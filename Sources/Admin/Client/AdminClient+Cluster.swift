/// The region's membership and leadership (`shared/spec/API.md`, "Cluster and regions").
extension AdminClient {
    /// The answering node's view of the region.
    public func status() async throws(AdminError) -> AdminReply<RegionStatus> {
        try await call(.get, "/v1/cluster/status")
    }

    /// The region as its leader sees it — the only node that knows every member's match index
    /// and health: the first endpoint's status when that node leads, else its leader's (asked at
    /// the HTTP address the members list gives). When the leader cannot be asked, the first
    /// node's view is the best there is.
    public func leaderStatus() async throws(AdminError) -> AdminReply<RegionStatus> {
        let first = try await status()
        let view = first.value
        guard view.role != .leader, let address = view.members.first(where: { $0.id == view.leader })?.httpAddress,
            let leader = try? Endpoint(parsing: address)
        else { return first }
        return (try? await at(leader).status()) ?? first
    }

    /// Adds the node `id` — started with `--join` (and `--learner` when `learner`) — with its
    /// Raft and HTTP addresses (`host:port`). A learner catches up without voting until
    /// `promote`d, which keeps the quorum unchanged while it copies the log.
    public func addMember(
        id: String, raftAddress: String, httpAddress: String, learner: Bool
    ) async throws(AdminError) -> AdminReply<MemberChange> {
        let member = NewMember(
            id: id, raftAddr: raftAddress, httpAddr: httpAddress, role: learner ? "learner" : "voter")
        return try await call(.post, "/v1/cluster/members", body: Self.json(member))
    }

    /// Makes the learner `id` a voter.
    public func promote(_ id: String) async throws(AdminError) -> AdminReply<MemberChange> {
        try await call(.post, "/v1/cluster/members/\(Self.segment(id))/promote")
    }

    /// Removes the member `id` (voter or learner) from the region.
    public func removeMember(_ id: String) async throws(AdminError) -> AdminReply<MemberChange> {
        try await call(.delete, "/v1/cluster/members/\(Self.segment(id))")
    }

    /// Hands leadership to the voter `id`, or to the most caught-up healthy voter when nil; the
    /// answer comes once the old leader sees the new one lead.
    public func transferLeadership(to id: String?) async throws(AdminError) -> AdminReply<LeadershipTransfer> {
        try await call(.post, "/v1/cluster/transfer-leadership", body: Self.json(TransferTarget(to: id)))
    }
}

/// The body of `POST /v1/cluster/members`.
private struct NewMember: Encodable {
    var id: String
    var raftAddr: String
    var httpAddr: String
    var role: String
}

/// The body of `POST /v1/cluster/transfer-leadership`; `to` is left out when nil.
private struct TransferTarget: Encodable {
    var to: String?
}
