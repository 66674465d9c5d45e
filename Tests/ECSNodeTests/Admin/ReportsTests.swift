import Admin
import Testing

/// What `ecsctl` prints for people, and for scripts with `--json`.
@Suite("Admin reports")
struct ReportsTests {
    /// In the node's order (by Raft id), which is not the order people read ids in.
    static let members: [RegionStatus.Member] = [
        .init(id: "n10", raftAddress: "127.0.0.1:9090", httpAddress: "", role: .learner, matchIndex: 0, healthy: true),
        .init(
            id: "n2", raftAddress: "127.0.0.1:9082", httpAddress: "127.0.0.1:8082", role: .voter, matchIndex: 7,
            healthy: false),
        .init(
            id: "n1", raftAddress: "127.0.0.1:9081", httpAddress: "127.0.0.1:8081", role: .voter, matchIndex: 1042,
            healthy: true),
    ]

    static func status(role: RegionStatus.Role, node: String, leader: String?) -> RegionStatus {
        RegionStatus(
            node: node, region: "eu", role: role, term: 7, leader: leader, commitIndex: 1042, appliedIndex: 1040,
            members: members)
    }

    @Test("columns are padded to their widest cell, numbers right-aligned, without trailing spaces")
    func textTable() {
        let table = TextTable(
            columns: [.init("NAME"), .init("COUNT", alignment: .right), .init("NOTE")],
            rows: [["a", "1", ""], ["longer", "12345", "x"]])
        #expect(table.text == "NAME    COUNT  NOTE\na           1\nlonger  12345  x")
        #expect(
            TextTable.fields(["role": "leader", "commit index": "3"]).text == "role          leader\ncommit index  3")
    }

    @Test("the leader's status: its fields, then the members in id order")
    func leaderStatus() {
        #expect(
            StatusReport.text(Self.status(role: .leader, node: "n1", leader: "n1")) == """
                node           n1
                region         eu
                role           leader
                term           7
                leader         n1
                commit index   1042
                applied index  1040

                ID   RAFT            HTTP            ROLE     MATCH  HEALTHY
                n1   127.0.0.1:9081  127.0.0.1:8081  voter     1042  yes
                n2   127.0.0.1:9082  127.0.0.1:8082  voter        7  no
                n10  127.0.0.1:9090  -               learner      0  yes
                """)
    }

    @Test("a follower's status says where match indexes and health are known")
    func followerStatus() {
        let text = StatusReport.text(Self.status(role: .follower, node: "n2", leader: "n1"))
        #expect(text.contains("leader         n1\n"))
        #expect(
            text.hasSuffix(
                "\n\nn2 is a follower; only the leader knows every member's match index and health:\n"
                    + "  ecsctl status --endpoint http://127.0.0.1:8081"))
        #expect(text.hasSuffix(StatusReport.members(Self.status(role: .follower, node: "n2", leader: "n1"))))
        #expect(StatusReport.members(Self.status(role: .leader, node: "n1", leader: "n1")).hasSuffix("  yes"))
        let leaderless = StatusReport.text(Self.status(role: .candidate, node: "n2", leader: nil))
        #expect(leaderless.contains("leader         none known\n"))
        #expect(
            leaderless.hasSuffix("\n\nn2 is a candidate; only the leader knows every member's match index and health."))
    }

    @Test("tenants as a table, one tenant as fields, and a sentence for none")
    func tenants() {
        let acme = Tenant(
            name: "acme", edition: "pro", homeRegion: "eu", residency: .strict, createdAt: "2026-01-02T03:04:05.678Z")
        let initech = Tenant(
            name: "initech", edition: "free", homeRegion: "us", residency: .replicated,
            createdAt: "2026-02-03T04:05:06.789Z")
        #expect(
            TenantReport.text([acme, initech]) == """
                TENANT   EDITION  HOME  RESIDENCY   CREATED
                acme     pro      eu    strict      2026-01-02T03:04:05.678Z
                initech  free     us    replicated  2026-02-03T04:05:06.789Z
                """)
        #expect(TenantReport.text([]) == "no tenants")
        #expect(
            TenantReport.text(acme) == """
                tenant       acme
                edition      pro
                home region  eu
                residency    strict
                created      2026-01-02T03:04:05.678Z
                """)
    }

    @Test("--json indents the server's JSON with sorted keys, and passes anything else through")
    func prettyJSON() {
        #expect(
            PrettyJSON.text(Array(#"{"b":[1,true],"a":"x/y"}"#.utf8)) == """
                {
                  "a" : "x/y",
                  "b" : [
                    1,
                    true
                  ]
                }
                """)
        #expect(PrettyJSON.text(Array("not json".utf8)) == "not json")
    }
}
