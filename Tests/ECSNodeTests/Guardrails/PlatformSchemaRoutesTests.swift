import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: a platform set's schema")
struct PlatformSchemaRoutesTests {
    static let schema = "/v1/platform/sets/payments/schema"
    static let items = "/v1/platform/sets/payments/items"
    static let document = #"{"type":"object","properties":{"retry.max":{"type":"integer","maximum":10}}}"#

    @Test("PUT stores it (200) and GET reads it; it refuses platform writes (422) until DELETE removes it")
    func storeEnforceRemove() async throws {
        let harness = try APITestHarness()
        let platform = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.get, Self.schema, token: platform).status == .notFound)
            let stored = try await client.send(.put, Self.schema, token: platform, body: Self.document)
            #expect(stored.status == .ok)
            #expect(stored["tenant"] == "*" && stored["set"] == "payments" && stored["index"] == 1)
            #expect(stored["schema"] == .some(try JSONValue.parse(Array(Self.document.utf8))))
            let read = try await client.send(.get, Self.schema, token: platform)
            #expect(read.status == .ok && read.headers[.ecsIndex] != nil)
            #expect(try read.json == stored.json)

            for scope in ["global", "edition:pro"] {
                let refused = try await client.send(
                    .put, "\(Self.items)/retry.max?scope=\(scope)", token: platform, body: "50")
                #expect(refused.status == .unprocessableContent)
                #expect(refused["type"] == "urn:ecs:problem:validation-failed")
                #expect(try refused.violationSummary == ["schema.maximum \(scope)/retry.max"])
            }
            let within = try await client.send(.put, "\(Self.items)/retry.max?scope=global", token: platform, body: "3")
            #expect(within.status == .created)

            let removed = try await client.send(.delete, Self.schema, token: platform)
            #expect(removed.status == .ok)
            #expect(try removed.json == ["tenant": "*", "set": "payments", "index": 5])
            #expect(try await client.send(.get, Self.schema, token: platform).status == .notFound)
            let allowed = try await client.send(
                .put, "\(Self.items)/retry.max?scope=global", token: platform, body: "50")
            #expect(allowed.status == .ok)
            let again = try await client.send(.delete, Self.schema, token: platform)
            #expect(again.status == .notFound && again["detail"] == "platform set 'payments' has no schema")
        }
    }

    @Test("a platform schema does not constrain tenants' sets of the same name, nor a tenant's schema them")
    func platformLayersOnly() async throws {
        let harness = try APITestHarness()
        let platform = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, Self.schema, token: platform, body: Self.document).status == .ok)
            let tenantWrite = try await client.send(
                .put, "\(Guarded.items)/retry.max", token: Guarded.writer(), body: "50")
            #expect(tenantWrite.status == .created)
            #expect(try await client.send(.get, Guarded.schema, token: Guarded.admin()).status == .notFound)

            #expect(try await client.send(.delete, Self.schema, token: platform).status == .ok)
            let strictTenant = #"{"type":"object","properties":{"colour":{"enum":["red"]}}}"#
            #expect(
                try await client.send(.put, Guarded.schema, token: Guarded.admin(), body: strictTenant).status == .ok)
            let platformWrite = try await client.send(
                .put, "\(Self.items)/colour?scope=global", token: platform, body: #""blue""#)
            #expect(platformWrite.status == .created)
        }
    }

    @Test("a schema the platform layers' current values violate is 422 and not stored; one that does not compile too")
    func refusedSchemas() async throws {
        let harness = try APITestHarness()
        let platform = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            #expect(
                try await client.send(.put, "\(Self.items)/retry.max?scope=edition:free", token: platform, body: "50")
                    .status == .created)
            let refused = try await client.send(.put, Self.schema, token: platform, body: Self.document)
            #expect(refused.status == .unprocessableContent)
            #expect(refused["type"] == "urn:ecs:problem:validation-failed")
            #expect(try refused.violationSummary == ["schema.maximum edition:free/retry.max"])
            let required = #"{"type":"object","required":["region"]}"#
            let missing = try await client.send(.put, Self.schema, token: platform, body: required)
            #expect(try missing.violationSummary == ["schema.required region"])
            #expect(try await client.send(.get, Self.schema, token: platform).status == .notFound)

            let broken = try await client.send(.put, Self.schema, token: platform, body: #"{"type":"strin"}"#)
            #expect(broken.status == .unprocessableContent && broken["type"] == "urn:ecs:problem:invalid-schema")
            #expect(harness.consensus.status().appliedIndex == 3, "the broken schema was refused before proposing")
            let badSet = try await client.send(.put, "/v1/platform/sets/Bad_Set/schema", token: platform, body: "{}")
            #expect(badSet.status == .badRequest)
        }
    }

    @Test("platform schema routes need a token (401) of the platform admin (403 for anyone else)")
    func authorization() async throws {
        let harness = try APITestHarness()
        let forbidden = [
            try await Guarded.admin(), try await TestTokens.bearer(tenant: "*", scopes: [.read, .write, .approve]),
        ]
        try await harness.application().test(.router) { client in
            for (method, body) in [
                (HTTPRequest.Method.put, Optional(Self.document)), (.get, nil), (.delete, nil),
            ] {
                let anonymous = try await client.send(method, Self.schema, body: body)
                #expect(anonymous.status == .unauthorized)
                for token in forbidden {
                    #expect(try await client.send(method, Self.schema, token: token, body: body).status == .forbidden)
                }
            }
            #expect(harness.consensus.status().appliedIndex == 0)
        }
    }
}
