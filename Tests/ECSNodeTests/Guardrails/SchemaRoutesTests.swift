import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: PUT and GET of a set's schema")
struct SchemaRoutesTests {
    static let schema = #"{"type":"object","properties":{"retry.max":{"type":"integer","maximum":10}}}"#

    @Test("PUT stores the schema (200) and GET reads it back; a set without versions may get one")
    func storeAndRead() async throws {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.get, Guarded.schema, token: admin).status == .notFound)
            let stored = try await client.send(.put, Guarded.schema, token: admin, body: Self.schema)
            #expect(stored.status == .ok)
            #expect(stored.headers[.contentType] == "application/json")
            #expect(stored["tenant"] == "acme" && stored["set"] == "payments" && stored["index"] == 1)
            #expect(stored["schema"] == .some(try JSONValue.parse(Array(Self.schema.utf8))))

            let read = try await client.send(.get, Guarded.schema, token: admin)
            #expect(read.status == .ok)
            #expect(try read.json == stored.json)

            let replacement = #"{"type":"object","additionalProperties":true}"#
            let replaced = try await client.send(.put, Guarded.schema, token: admin, body: replacement)
            #expect(replaced["index"] == 2)
            #expect(try await client.send(.get, Guarded.schema, token: admin)["schema"] == replaced["schema"])
            #expect(
                try await client.send(.get, "/v1/tenants/acme/sets/other/schema", token: admin).status == .notFound)

            // The set still has no version: reads list only sets that have one.
            let config = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: Guarded.writer())
            #expect(try config.json["sets"] == [:])
        }
    }

    @Test("a schema that does not compile is 422 with every problem, never proposed")
    func invalidSchema() async throws {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        let broken = #"{"type":"object","properties":{"a":{"type":"strin","maxLenght":3},"b":{"pattern":"(a"}}}"#
        try await harness.application().test(.router) { client in
            let refused = try await client.send(.put, Guarded.schema, token: admin, body: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused["type"] == "urn:ecs:problem:invalid-schema")
            #expect(
                try refused.violationSummary == [
                    "schema.document #/properties/a/maxLenght", "schema.document #/properties/a/type",
                    "schema.document #/properties/b/pattern",
                ])
            #expect(harness.consensus.status().appliedIndex == 0, "refused before proposing")
            #expect(try await client.send(.get, Guarded.schema, token: admin).status == .notFound)
            let notAnObject = try await client.send(.put, Guarded.schema, token: admin, body: "[]")
            #expect(notAnObject.status == .unprocessableContent)
        }
    }

    @Test("a schema that the set's current values violate is 422 listing them all; nothing is stored")
    func currentValuesViolate() async throws {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        let writer = try await Guarded.writer()
        let strict =
            #"{"type":"object","additionalProperties":false,"required":["region"],"#
            + #""properties":{"retry.max":{"type":"integer","maximum":10},"region":{"type":"string"}}}"#
        try await harness.application().test(.router) { client in
            for (path, value) in [
                ("retry.max", #""three""#), ("retry.max?scope=env:prod", "50"), ("colour", #""red""#),
            ] {
                #expect(
                    try await client.send(.put, "\(Guarded.items)/\(path)", token: writer, body: value).status.code
                        < 300)
            }
            let refused = try await client.send(.put, Guarded.schema, token: admin, body: strict)
            #expect(refused.status == .unprocessableContent)
            #expect(refused["type"] == "urn:ecs:problem:validation-failed")
            #expect(
                try refused.violationSummary == [
                    "schema.additionalProperties tenant/colour", "schema.type tenant/retry.max",
                    "schema.maximum env:prod/retry.max", "schema.required region",
                ])
            #expect(try await client.send(.get, Guarded.schema, token: admin).status == .notFound)
            let stillFree = try await client.send(.put, "\(Guarded.items)/colour", token: writer, body: #""blue""#)
            #expect(stillFree.status == .ok, "no schema was stored")
        }
    }

    @Test("unknown tenants are 404; bad names and bodies are 400")
    func notFoundAndMalformed() async throws {
        let harness = try APITestHarness()
        let platform = try await TestTokens.platformAdmin()
        let admin = try await Guarded.admin()
        try await harness.application().test(.router) { client in
            let unknown = "/v1/tenants/nobody/sets/payments/schema"
            #expect(try await client.send(.put, unknown, token: platform, body: Self.schema).status == .notFound)
            #expect(try await client.send(.get, unknown, token: platform).status == .notFound)
            let badSet = try await client.send(
                .put, "/v1/tenants/acme/sets/Bad_Set/schema", token: admin, body: Self.schema)
            #expect(badSet.status == .badRequest)
            #expect(try badSet.violationSummary == ["invalid-name set"])
            #expect(try await client.send(.put, Guarded.schema, token: admin, body: "{").status == .badRequest)
        }
    }

    @Test("schema routes need a token (401) with ecs:admin on the tenant (403)")
    func authorization() async throws {
        let harness = try APITestHarness()
        let forbidden = try await Guarded.nonAdmins()
        try await harness.application().test(.router) { client in
            for (method, body) in [(HTTPRequest.Method.put, Optional(Self.schema)), (.get, nil)] {
                let anonymous = try await client.send(method, Guarded.schema, body: body)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                for token in forbidden {
                    #expect(
                        try await client.send(method, Guarded.schema, token: token, body: body).status == .forbidden)
                }
            }
            #expect(harness.consensus.status().appliedIndex == 0)
            let platform = try await TestTokens.platformAdmin()
            #expect(try await client.send(.put, Guarded.schema, token: platform, body: Self.schema).status == .ok)
            #expect(try await client.send(.get, Guarded.schema, token: Guarded.admin()).status == .ok)
        }
    }
}
