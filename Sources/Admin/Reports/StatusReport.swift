import Foundation

/// `ecsctl status` and `ecsctl members list` for people: the node's view of the region as
/// labelled fields, and the members as a table.
public enum StatusReport {
    /// The fields, a blank line, the members table; when the answering node is not the leader, a
    /// closing note saying whom to ask for the members' match indexes and health.
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

    /// One row per member, in id order (`n2` before `n10`): id, addresses, role, match index,
    /// health.
    public static func membersTable(_ members: [RegionStatus.Member]) -> TextTable {
        TextTable(
            columns: [
                .init("ID"), .init("RAFT"), .init("HTTP"), .init("ROLE"), .init("MATCH", alignment: .right),
                .init("HEALTHY"),
            ],
            rows: members.sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }.map { member in
                [
                    member.id, member.raftAddress, member.httpAddress.isEmpty ? "-" : member.httpAddress,
                    member.role.rawValue, "\(member.matchIndex)", member.healthy ? "yes" : "no",
                ]
            })
    }

    /// Match indexes and health come from the leader's replication progress: a follower knows
    /// only its own and its leader's, so the report says whom to ask instead.
    private static func leaderHint(_ status: RegionStatus) -> String {
        let hint =
            "\(status.node) is a \(status.role.rawValue); only the leader knows every member's match index and health"
        let address = status.members.first { $0.id == status.leader }?.httpAddress ?? ""
        guard !address.isEmpty else { return hint + "." }
        return hint + ":\n  ecsctl status --endpoint http://\(address)"
    }
}
