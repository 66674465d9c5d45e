import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// `GET /v1/tenants/{t}/audit` and `…/audit/verify` through the HTTP API.
@Suite("HTTP: the audit trail and its verification")
struct AuditRoutesTests {
    @Test("writes, refusals and tenant changes are listed page by page, and the chain verifies")
    func listAndVerify() async throws {
        let harness = try APITestHarness()
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write], subject: "bob")
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let items = "/v1/tenants/acme/sets/payments/items"
            #expect(try await client.send(.put, "\(items)/a", token: writer, body: "1").status == .created)
            let stale = try await client.send(
                .put, "\(items)/a", token: writer, body: "2", headers: [.ifMatch: "\"x\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.send(.delete, "\(items)/a", token: writer).status == .ok)
            let tenant = try await client.send(.put, "/v1/tenants/acme", token: admin, body: #"{"edition":"pro"}"#)
            #expect(tenant.status == .ok)

            let first = try await client.send(.get, "/v1/tenants/acme/audit?limit=3", token: tenantAdmin)
            #expect(first.status == .ok)
            guard case .array(let records)? = first["records"] else { throw AuditRoutesTestFailed() }
            #expect(records.map { $0["outcome"] } == ["ok", "denied:precondition-failed", "ok"])
            #expect(records.map { $0["actor"] } == ["bob", "bob", "bob"])
            #expect(first["next"] == .integer(3))
            let second = try await client.send(.get, "/v1/tenants/acme/audit?after=3", token: tenantAdmin)
            guard case .array(let rest)? = second["records"] else { throw AuditRoutesTestFailed() }
            #expect(rest.map { $0["action"] } == ["tenant.put"] && second["next"] == nil)
            #expect(rest.first?["prevHash"] == records.last?["hash"])

            let verified = try await client.send(.get, "/v1/tenants/acme/audit/verify", token: admin)
            #expect(verified["ok"] == true && verified["count"] == .integer(4))
            #expect(verified["head"] == rest.first?["hash"] && verified["brokenAt"] == nil)
        }
    }

    @Test("no token is 401; readers, writers and other tenants are 403; bad parameters 400; unknown tenants 404")
    func refusals() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write, .approve])
        let otherAdmin = try await TestTokens.bearer(tenant: "globex", scopes: [.admin])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            for path in ["/v1/tenants/acme/audit", "/v1/tenants/acme/audit/verify"] {
                #expect(try await client.send(.get, path).status == .unauthorized)
                #expect(try await client.send(.get, path, token: reader).status == .forbidden)
                #expect(try await client.send(.get, path, token: otherAdmin).status == .forbidden)
                let unknown = try await client.send(
                    .get, path.replacingOccurrences(of: "acme", with: "nobody"), token: admin)
                #expect(unknown.status == .notFound && unknown["type"] == "urn:ecs:problem:unknown-tenant")
            }
            for query in ["limit=0", "limit=1001", "after=x", "consistency=eventual"] {
                let response = try await client.send(.get, "/v1/tenants/acme/audit?\(query)", token: admin)
                #expect(response.status == .badRequest, "\(query)")
            }
        }
    }
}

struct AuditRoutesTestFailed: Error {}
