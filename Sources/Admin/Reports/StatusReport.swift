import Foundation

/// `ecsctl status` and `ecsctl members list` for people: the node's view of the region as
/// labelled fields, and the members as a table.
public enum StatusReport {
    /// The fields, a blank line, then `members(status)`.
    public static func text(_ status: RegionStatus) -> String {
        let fields = TextTable.fields([
            "node": status.node, "region": status.region, "role": status.role.rawValue, "term": "\(status.term)",
            "leader": status.leader ?? "none known", "commit index": "\(status.commitIndex)",
            "applied index": "\(status.appliedIndex)",
        ])
        return fields.text + "\n\n" + members(status)
    }

    /// The members table; when the answering node is not the leader, a closing note saying whom
    /// to ask for the members' match indexes and health.
    public static func members(_ status: RegionStatus) -> String {
        let table = membersTable(status.members).text
        return status.role == .leader ? table : table + "\n\n" + leaderHint(status)
    }

    /// One row per member, in id order (`n2` before `n10`): id, addresses, role, match index,
    /// health.
    private static func membersTable(_ members: [RegionStatus.Member]) -> TextTable {
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
