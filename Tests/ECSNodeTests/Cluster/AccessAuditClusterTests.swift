import Foundation
import Testing

@testable import ECSNode

extension ClusterTests {
    /// The access audit on real processes: what `NodeRunner` wires (the tally, the report every
    /// `tuning.access-report-ms`, a follower's delivery to the leader with a token it mints).
    @Suite(.timeLimit(.minutes(2)))
    struct AccessAuditClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("a refusal on a follower reaches the tenant's trail through the leader, and the chain verifies")
        func followerRefusal() async throws {
            let config = "tuning:\n  access-report-ms: 200\n"
            try await LocalCluster.run(config: config) { cluster in
                let leader = try await cluster.awaitLeader()
                let follower = cluster.followers(of: leader)[0]
                for _ in 0..<3 {
                    let refused = try await cluster.http.send(
                        .GET, "\(follower.baseURL)/v1/tenants/acme/config?env=prod", as: .none)
                    #expect(refused.status == 401, "\(refused)")
                }
                let audit = "\(leader.baseURL)/v1/tenants/acme/audit"
                // The three refusals may fall into two report windows: wait until the follower's
                // records count all three, then check every one of them.
                let records = try await poll(
                    "the follower's access reports\n\(cluster.logTails())", timeout: .seconds(20)
                ) { () -> [AuditPage.Record]? in
                    let page = try await cluster.http.send(.GET, audit).decode(AuditPage.self)
                    let denied = page.records.filter { $0.action == "denied" && $0.detail.node == follower.id }
                    return denied.reduce(0) { $0 + ($1.detail.count ?? 0) } >= 3 ? denied : nil
                }
                #expect(records.reduce(0) { $0 + ($1.detail.count ?? 0) } == 3)
                for record in records {
                    #expect(record.actor == "anonymous" && record.outcome == "denied:unauthorized")
                    #expect(record.resource == "GET /v1/tenants/{tenant}/config")
                    #expect(record.detail.reportedBy == "node:\(follower.id)")
                }
                let verified = try await cluster.http.send(.GET, "\(audit)/verify").decode(AuditVerified.self)
                #expect(verified.ok)
            }
        }

        struct AuditPage: Decodable {
            struct Record: Decodable {
                struct Detail: Decodable {
                    var node: String?
                    var count: Int?
                    var reportedBy: String?
                }
                var actor: String
                var action: String
                var resource: String
                var outcome: String
                var detail: Detail
            }
            var records: [Record]
        }

        struct AuditVerified: Decodable {
            var ok: Bool
        }
    }
}
