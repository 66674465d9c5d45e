import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// `GET /v1/platform/audit` and `…/audit/verify`: the platform namespace's trail.
@Suite("HTTP: the platform audit trail and its verification")
struct PlatformAuditRoutesTests {
    @Test("platform writes, refusals and schema changes are listed page by page, tenants' not; the chain verifies")
    func listAndVerify() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.bearer(tenant: "*", scopes: [.admin], subject: "root")
        try await harness.application().test(.router) { client in
            let item = "/v1/platform/sets/payments/items/retry.max?scope=global"
            #expect(try await client.send(.put, item, token: admin, body: "1").status == .created)
            let stale = try await client.send(.put, item, token: admin, body: "2", headers: [.ifMatch: "\"x\""])
            #expect(stale.status == .preconditionFailed)
            #expect(
                try await client.send(.put, "\(Guarded.items)/k", token: Guarded.writer(), body: "1").status == .created
            )
            let schema = "/v1/platform/sets/payments/schema"
            #expect(try await client.send(.put, schema, token: admin, body: #"{"type":"object"}"#).status == .ok)
            #expect(try await client.send(.delete, schema, token: admin).status == .ok)

            let first = try await client.send(.get, "/v1/platform/audit?limit=2", token: admin)
            #expect(first.status == .ok && first.headers[.ecsIndex] != nil)
            guard case .array(let records)? = first["records"] else { throw AuditRoutesTestFailed() }
            #expect(records.map { $0["outcome"] } == ["ok", "denied:precondition-failed"])
            #expect(records.map { $0["actor"] } == ["root", "root"])
            #expect(records.first?["resource"] == "sets/payments/items/retry.max?scope=global")
            #expect(first["next"] == .integer(2))
            let second = try await client.send(.get, "/v1/platform/audit?after=2", token: admin)
            guard case .array(let rest)? = second["records"] else { throw AuditRoutesTestFailed() }
            #expect(rest.map { $0["action"] } == ["set.schema.put", "set.schema.delete"] && second["next"] == nil)
            #expect(rest.map { $0["index"] } == [4, 5], "the tenant's write at index 3 is in its own trail")
            #expect(rest.first?["prevHash"] == records.last?["hash"])

            let verified = try await client.send(.get, "/v1/platform/audit/verify", token: admin)
            #expect(verified["ok"] == true && verified["count"] == .integer(4))
            #expect(verified["head"] == rest.last?["hash"] && verified["brokenAt"] == nil)
            let tenantTrail = try await client.send(.get, "/v1/tenants/acme/audit/verify", token: admin)
            #expect(tenantTrail["count"] == .integer(1))
        }
    }

    @Test("an empty platform trail verifies with no head")
    func empty() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let admin = try await TestTokens.platformAdmin()
            let page = try await client.send(.get, "/v1/platform/audit", token: admin)
            #expect(try page.json == ["records": []])
            let verified = try await client.send(.get, "/v1/platform/audit/verify", token: admin)
            #expect(try verified.json == ["ok": true, "count": 0, "head": .null])
        }
    }

    @Test("no token is 401; tenant admins and non-admin platform tokens are 403; bad parameters 400")
    func refusals() async throws {
        let harness = try APITestHarness()
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin, .read])
        let platformReader = try await TestTokens.bearer(tenant: "*", scopes: [.read, .write, .approve])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            for path in ["/v1/platform/audit", "/v1/platform/audit/verify"] {
                #expect(try await client.send(.get, path).status == .unauthorized)
                #expect(try await client.send(.get, path, token: tenantAdmin).status == .forbidden)
                #expect(try await client.send(.get, path, token: platformReader).status == .forbidden)
            }
            for query in ["limit=0", "limit=1001", "after=x", "consistency=eventual"] {
                let response = try await client.send(.get, "/v1/platform/audit?\(query)", token: admin)
                #expect(response.status == .badRequest, "\(query)")
            }
        }
    }
}
