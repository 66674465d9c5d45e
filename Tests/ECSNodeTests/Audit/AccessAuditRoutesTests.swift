import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Reads and HTTP-level refusals, counted by the node and reported to the audit trails.
@Suite("HTTP: reads and refusals in the audit trail")
struct AccessAuditRoutesTests {
    /// The `read` and `denied` records of a trail, as `actor action resource outcome ×count`.
    static func accessRecords(_ page: TestResponse) throws -> [String] {
        guard case .array(let records)? = page["records"] else { throw AuditRoutesTestFailed() }
        return records.compactMap { record -> String? in
            guard case .string(let action)? = record["action"], action == "read" || action == "denied",
                case .string(let actor)? = record["actor"], case .string(let resource)? = record["resource"],
                case .string(let outcome)? = record["outcome"], case .integer(let count)? = record["detail"]?["count"]
            else { return nil }
            return "\(actor) \(action) \(resource) \(outcome) ×\(count)"
        }
        .sorted()
    }

    /// The records of `acme`'s trail in `state`.
    static func trail(of state: TestStateEnvironment) throws -> [AuditRecord] {
        let tables = try ConfigTables(in: state.environment)
        return try state.environment.read {
            try AuditTrail(tables: tables).records(of: .tenant("acme"), after: 0, limit: 100, in: $0)
        }
    }

    @Test("one report puts reads, 401s and 403s in the tenant's trail and platform refusals in the platform's")
    func reported() async throws {
        let harness = try APITestHarness()
        let dependencies = harness.dependencies()
        let reporter = await AccessReporter(dependencies)
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read], subject: "reader")
        let stranger = try await TestTokens.bearer(tenant: "globex", scopes: [.read, .admin], subject: "eve")
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin], subject: "auditor")
        let admin = try await TestTokens.platformAdmin()
        try await harness.application(with: dependencies).test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: reader).status == .ok)
            }
            #expect(try await client.send(.get, "/v1/tenants/acme", token: reader).status == .ok)
            #expect(try await client.send(.get, "/v1/tenants/acme/config").status == .unauthorized)
            #expect(
                try await client.send(.get, "/v1/tenants/acme/config", token: "Bearer forged").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/tenants/acme/audit", token: stranger).status == .forbidden)
            let write = try await client.send(.put, "/v1/tenants/acme/sets/s/items/k", token: reader, body: "1")
            #expect(write.status == .forbidden)
            #expect(try await client.send(.get, "/v1/cluster/status", token: reader).status == .forbidden)
            #expect(try await client.send(.get, "/v1/tenants/nobody/config", token: stranger).status == .forbidden)

            #expect(await reporter.report() == .recorded(records: 6))
            #expect(await reporter.report() == .empty)

            let trail = try await client.send(.get, "/v1/tenants/acme/audit", token: tenantAdmin)
            #expect(
                try Self.accessRecords(trail) == [
                    "anonymous denied GET /v1/tenants/{tenant}/config denied:unauthorized ×2",
                    "eve denied GET /v1/tenants/{tenant}/audit denied:forbidden ×1",
                    "reader denied PUT /v1/tenants/{tenant}/sets/{set}/items/** denied:forbidden ×1",
                    "reader read GET /v1/tenants/{tenant} ok ×1",
                    "reader read GET /v1/tenants/{tenant}/config ok ×3",
                ])
            guard case .array(let records)? = trail["records"], let last = records.last else {
                throw AuditRoutesTestFailed()
            }
            #expect(last["detail"]?["node"] == "n1" && last["detail"]?["reportedBy"] == "node:n1")
            let verified = try await client.send(.get, "/v1/tenants/acme/audit/verify", token: tenantAdmin)
            #expect(verified["ok"] == true && verified["count"] == .integer(5))

            let platform = try await client.send(.get, "/v1/platform/audit", token: admin)
            #expect(try Self.accessRecords(platform) == ["reader denied GET /v1/cluster/status denied:forbidden ×1"])
        }
    }

    @Test("writes refused by the edition's rate limit (429) are recorded as denied:rate-limited, with their actor")
    func rateLimited() async throws {
        let harness = try APITestHarness()
        var dependencies = harness.dependencies()
        dependencies.editions.editions["pro"] = EditionLimits(
            maxValueBytes: 1_000, maxKeysPerSet: 1_000, maxRequestBytes: 1_000, writesPerSecond: 1)
        let clock = SteppedClock()
        dependencies.monotonicNow = { clock.now }
        let reporter = await AccessReporter(dependencies)
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write], subject: "bob")
        let admin = try await TestTokens.platformAdmin()
        try await harness.application(with: dependencies).test(.router) { client in
            var refused = 0
            for value in 1...6 {
                let write = try await client.send(
                    .put, "/v1/tenants/acme/sets/s/items/k", token: writer, body: "\(value)")
                if write.status == .tooManyRequests { refused += 1 }
            }
            #expect(refused > 0)
            #expect(await reporter.report() == .recorded(records: 1))
            let trail = try await client.send(.get, "/v1/tenants/acme/audit", token: admin)
            #expect(
                try Self.accessRecords(trail) == [
                    "bob denied PUT /v1/tenants/{tenant}/sets/{set}/items/** denied:rate-limited ×\(refused)"
                ])
        }
    }

    @Test("a flood of refusals from many actors makes a bounded number of records that still count every request")
    func flood() async throws {
        let harness = try APITestHarness()
        var dependencies = harness.dependencies()
        dependencies.accessTally = AccessTally(capacity: 8, overflowCapacity: 2)
        let reporter = await AccessReporter(dependencies)
        var minted: [String] = []
        for number in 0..<30 {
            minted.append(try await TestTokens.bearer(tenant: "globex", scopes: [.read], subject: "s\(number)"))
        }
        let strangers = minted
        let admin = try await TestTokens.platformAdmin()
        try await harness.application(with: dependencies).test(.router) { client in
            for _ in 0..<2_000 {
                #expect(try await client.send(.get, "/v1/tenants/acme/config").status == .unauthorized)
            }
            for token in strangers {
                #expect(try await client.send(.get, "/v1/tenants/acme/config", token: token).status == .forbidden)
            }
            #expect(await reporter.report() == .recorded(records: 9))
            let trail = try await client.send(.get, "/v1/tenants/acme/audit", token: admin)
            guard case .array(let records)? = trail["records"] else { throw AuditRoutesTestFailed() }
            let counts = records.compactMap { record -> Int64? in
                if case .integer(let count)? = record["detail"]?["count"] { count } else { nil }
            }
            #expect(records.count == 9 && counts.reduce(0, +) == 2_030)
            #expect(records.filter { $0["actor"] == "*" }.map { $0["resource"] } == ["overflow"])
        }
    }

    @Test("a report that finds no leader stays in the tally and goes out with the next one")
    func retained() async throws {
        let harness = try APITestHarness()
        let dependencies = harness.dependencies()
        let reporter = await AccessReporter(dependencies)
        try await harness.application(with: dependencies).test(.router) { client in
            let first = try await client.send(.get, "/v1/tenants/acme/config")
            harness.consensus.failProposals(with: .unavailable(reason: "no quorum"))
            #expect(await reporter.report() == .retained)
            let second = try await client.send(.get, "/v1/tenants/acme/config")
            #expect(first.status == .unauthorized && second.status == .unauthorized)
            harness.consensus.failProposals(with: nil)
            #expect(await reporter.report() == .recorded(records: 1))
        }
        #expect(try Self.trail(of: harness.state).map { $0.detail["count"] } == [2])
    }

    @Test("a follower hands its report to the leader; answers it relays are left to the leader's count")
    func followerReport() async throws {
        let leader = try APITestHarness(nodeName: "leader")
        let follower = try APITestHarness(nodeName: "follower")
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read], subject: "reader")
        try await withForwardingClient { client in
            let leaderDependencies = leader.dependencies()
            let leaderReporter = await AccessReporter(leaderDependencies)
            try await leader.application(with: leaderDependencies).test(.live) { leaderClient in
                let address = "127.0.0.1:\(try #require(leaderClient.port))"
                follower.consensus.failProposals(with: .notLeader(leaderHTTPAddress: address))
                let followerDependencies = follower.dependencies(httpClient: client)
                let followerReporter = await AccessReporter(followerDependencies)
                try await follower.application(with: followerDependencies).test(.live) { followerClient in
                    let local = try await followerClient.send(.get, "/v1/tenants/acme/config?env=prod", token: reader)
                    #expect(local.status == .ok && local.headers[.ecsNode] == "follower")
                    #expect(await followerReporter.report() == .recorded(records: 1))

                    follower.consensus.failReadBarriers(with: .notLeader(leaderHTTPAddress: address))
                    let relayed = try await followerClient.send(.get, "/v1/tenants/acme/config?env=prod", token: reader)
                    #expect(relayed.status == .ok && relayed.headers[.ecsNode] == "leader")
                    #expect(await followerReporter.report() == .empty)
                    #expect(await leaderReporter.report() == .recorded(records: 1))
                }
            }
        }
        let records = try Self.trail(of: leader.state)
        #expect(records.map { $0.detail["node"] } == ["follower", "leader"])
        #expect(records.map { $0.detail["reportedBy"] } == ["node:follower", "node:leader"])
        #expect(records.allSatisfy { $0.actor == "reader" && $0.action == "read" && $0.detail["count"] == 1 })
    }
}
