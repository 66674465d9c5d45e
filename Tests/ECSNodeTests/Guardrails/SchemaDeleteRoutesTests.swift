import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: DELETE of a tenant set's schema")
struct SchemaDeleteRoutesTests {
    static let schema = #"{"type":"object","properties":{"retry.max":{"type":"integer","maximum":10}}}"#

    @Test("DELETE removes the schema through the log (200), letting a write it refused through; again is 404")
    func removeThenWrite() async throws {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        let writer = try await Guarded.writer()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, Guarded.schema, token: admin, body: Self.schema).status == .ok)
            let refused = try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "50")
            #expect(refused.status == .unprocessableContent)

            let removed = try await client.send(.delete, Guarded.schema, token: admin)
            #expect(removed.status == .ok)
            #expect(try removed.json == ["tenant": "acme", "set": "payments", "index": 3])
            #expect(try await client.send(.get, Guarded.schema, token: admin).status == .notFound)
            let allowed = try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "50")
            #expect(allowed.status == .created)

            let again = try await client.send(.delete, Guarded.schema, token: admin)
            #expect(again.status == .notFound)
            #expect(again["type"] == "urn:ecs:problem:not-found")
            #expect(again["detail"] == "set 'payments' of tenant 'acme' has no schema")

            let audit = try await client.send(.get, "/v1/tenants/acme/audit", token: admin)
            guard case .array(let records)? = audit["records"] else { throw AuditRoutesTestFailed() }
            let deletions = records.filter { $0["action"] == "set.schema.delete" }
            #expect(deletions.map { $0["outcome"] } == ["ok", "denied:not-found"])
            #expect(deletions.map { $0["resource"] } == ["sets/payments/schema", "sets/payments/schema"])
        }
    }

    @Test("an unknown tenant is 404, a bad set name 400, neither proposed twice")
    func notFoundAndMalformed() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let unknown = try await client.send(
                .delete, "/v1/tenants/nobody/sets/payments/schema", token: TestTokens.platformAdmin())
            #expect(unknown.status == .notFound && unknown["type"] == "urn:ecs:problem:unknown-tenant")
            let badSet = try await client.send(.delete, "/v1/tenants/acme/sets/Bad_Set/schema", token: Guarded.admin())
            #expect(badSet.status == .badRequest)
            #expect(try badSet.violationSummary == ["invalid-name set"])
            #expect(harness.consensus.status().appliedIndex == 1, "only the unknown tenant's entry was proposed")
        }
    }

    @Test("DELETE schema needs a token (401) with ecs:admin on the tenant (403), as PUT does")
    func authorization() async throws {
        let harness = try APITestHarness()
        let forbidden = try await Guarded.nonAdmins()
        try await harness.application().test(.router) { client in
            #expect(
                try await client.send(.put, Guarded.schema, token: Guarded.admin(), body: Self.schema).status == .ok)
            let anonymous = try await client.send(.delete, Guarded.schema)
            #expect(anonymous.status == .unauthorized)
            for token in forbidden {
                #expect(try await client.send(.delete, Guarded.schema, token: token).status == .forbidden)
            }
            #expect(harness.consensus.status().appliedIndex == 1)
            let platform = try await TestTokens.platformAdmin()
            #expect(try await client.send(.delete, Guarded.schema, token: platform).status == .ok)
        }
    }
}
