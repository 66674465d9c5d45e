/// `ecsctl status` and `ecsctl members list` for people: the node's view of the region as
/// labelled fields, and the members as a table.
public enum StatusReport {
    /// The fields, a blank line, the members table; when the answering node is not the leader, a
    /// last line saying where the members' match indexes and health are known.
    public static func text(_ status: RegionStatus) -> String {
        let fields = TextTable.fields([
            "node": status.node, "region": status.region, "role": status.role.rawValue, "term": "\(status.term)",
            "leader": status.leader ?? "none known", "commit index": "\(status.commitIndex)",
            "applied index": "\(status.appliedIndex)",
        ])
        var text = fields.text + "\n\n" + membersTable(status.members).text
        if status.role != .leader {
            text += "\n\n" + leaderHint(status)
        }
        return text
    }

    /// One row per member: id, addresses, role, match index, health.
    public static func membersTable(_ members: [RegionStatus.Member]) -> TextTable {
        TextTable(
            columns: [
                .init("ID"), .init("RAFT"), .init("HTTP"), .init("ROLE"), .init("MATCH", alignment: .right),
                .init("HEALTHY"),
            ],
            rows: members.map { member in
                [
                    member.id, member.raftAddress, member.httpAddress.isEmpty ? "-" : member.httpAddress,
                    member.role.rawValue, "\(member.matchIndex)", member.healthy ? "yes" : "no",
                ]
            })
    }

    /// Match indexes and health come from the leader's replication progress: a follower knows
    /// only its own and its leader's.
    private static func leaderHint(_ status: RegionStatus) -> String {
        let view = "this is \(status.node)'s view as a \(status.role.rawValue); only the leader knows every member's "
        let address = status.members.first { $0.id == status.leader }?.httpAddress ?? ""
        guard let leader = status.leader, !address.isEmpty else { return view + "match index and health" }
        return view + "match index and health: ecsctl status --endpoint http://\(address) (\(leader))"
    }
}
