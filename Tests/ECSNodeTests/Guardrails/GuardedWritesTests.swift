import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: item writes checked against the set's schema and the secret guard")
struct GuardedWritesTests {
    /// The schema of set `payments` in these tests; with `required`, stored only once the set
    /// holds those keys (a schema is refused while the set's values violate it).
    static func schema(required: [String] = []) -> String {
        let list = required.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"type":"object","additionalProperties":false,"required":["# + list + #"],"properties":{"#
            + #""retry.max":{"type":"integer","minimum":1},"#
            + #""mode":{"enum":["ro","rw"]},"#
            + #""db":{"type":"object","additionalProperties":false,"required":["host"],"properties":{"#
            + #""pool":{"type":"integer"},"mode":{"enum":["ro","rw"]},"#
            + #""host":{"type":"string","pattern":"^[a-z.]+$","maxLength":10}}},"#
            + #""db.password":{"x-classification":"secret"}}}"#
    }

    /// A harness whose set `payments` has `schema()`, and a writer's token.
    private static func guarded() async throws -> (APITestHarness, writer: String) {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        try await harness.application().test(.router) { client in
            let stored = try await client.send(.put, Guarded.schema, token: admin, body: schema())
            try #require(stored.status == .ok, "\(stored.text)")
        }
        return (harness, try await Guarded.writer())
    }

    @Test("one write breaking several keywords is 422 listing every violation; nothing is published")
    func everyViolation() async throws {
        let (harness, writer) = try await Self.guarded()
        try await harness.application().test(.router) { client in
            let first = try await client.send(
                .put, "\(Guarded.items)/db", token: writer, body: #"{"pool": "ten", "mode": "rx", "extra": 1}"#)
            #expect(first.status == .unprocessableContent)
            #expect(first["type"] == "urn:ecs:problem:validation-failed")
            #expect(
                try first.violationSummary == [
                    "schema.required tenant/db", "schema.additionalProperties tenant/db#/extra",
                    "schema.enum tenant/db#/mode", "schema.type tenant/db#/pool",
                ])
            let host = try await client.send(
                .put, "\(Guarded.items)/db", token: writer, body: #"{"host": "UPPER.CASE.HOST"}"#)
            #expect(
                try host.violationSummary == ["schema.maxLength tenant/db#/host", "schema.pattern tenant/db#/host"])
            let unknown = try await client.send(.put, "\(Guarded.items)/colour", token: writer, body: #""red""#)
            #expect(try unknown.violationSummary == ["schema.additionalProperties tenant/colour"])
            let typed = try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: #""3""#)
            #expect(try typed.violationSummary == ["schema.type tenant/retry.max"])
            #expect(
                try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "3").status == .created)
            let config = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: writer)
            #expect(try config.json["sets"]?["payments"] == ["version": 1, "items": ["retry.max": 3]])
        }
    }

    @Test("values at env and app scope are checked too, and valid writes pass (201, then 200)")
    func everyScope() async throws {
        let (harness, writer) = try await Self.guarded()
        try await harness.application().test(.router) { client in
            let created = try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "3")
            #expect(created.status == .created)
            let env = try await client.send(.put, "\(Guarded.items)/retry.max?scope=env:prod", token: writer, body: "0")
            #expect(try env.violationSummary == ["schema.minimum env:prod/retry.max"])
            let app = try await client.send(
                .put, "\(Guarded.items)/mode?scope=app:prod/web", token: writer, body: #""rx""#)
            #expect(try app.violationSummary == ["schema.enum app:prod/web/mode"])
            let valid = try await client.send(
                .put, "\(Guarded.items)/mode?scope=app:prod/web", token: writer, body: #""ro""#)
            #expect(valid.status == .ok)
            #expect(valid["version"] == 2)
        }
    }

    @Test("the last value of a required key cannot be deleted or hidden with null")
    func requiredKeys() async throws {
        let (harness, writer) = try await Self.guarded()
        try await harness.application().test(.router) { client in
            #expect(
                try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "3").status == .created)
            let requiring = try await client.send(
                .put, Guarded.schema, token: Guarded.admin(), body: Self.schema(required: ["retry.max"]))
            #expect(requiring.status == .ok)
            let hidden = try await client.send(.put, "\(Guarded.items)/retry.max", token: writer, body: "null")
            #expect(try hidden.violationSummary == ["schema.required retry.max"])
            let deleted = try await client.send(.delete, "\(Guarded.items)/retry.max", token: writer)
            #expect(deleted.status == .unprocessableContent)
            #expect(try deleted.violationSummary == ["schema.required retry.max"])
            #expect(
                try await client.send(.put, "\(Guarded.items)/retry.max?scope=env:prod", token: writer, body: "4")
                    .status
                    == .ok)
            #expect(try await client.send(.delete, "\(Guarded.items)/retry.max", token: writer).status == .ok)
        }
    }

    @Test("a required key given by the platform layers of the tenant's edition satisfies the schema")
    func inheritedRequiredKeys() async throws {
        let harness = try APITestHarness()
        let platform = try await TestTokens.platformAdmin()
        let requiring = Self.schema(required: ["retry.max"])
        try await harness.application().test(.router) { client in
            let other = "/v1/platform/sets/payments/items/retry.max?scope=edition:free"
            #expect(try await client.send(.put, other, token: platform, body: "2").status == .created)
            let missing = try await client.send(.put, Guarded.schema, token: Guarded.admin(), body: requiring)
            #expect(try missing.violationSummary == ["schema.required retry.max"], "acme's edition is pro")
            let own = "/v1/platform/sets/payments/items/retry.max?scope=edition:pro"
            #expect(try await client.send(.put, own, token: platform, body: "2").status == .ok)
            #expect(try await client.send(.put, Guarded.schema, token: Guarded.admin(), body: requiring).status == .ok)
            let write = try await client.send(.put, "\(Guarded.items)/mode", token: Guarded.writer(), body: #""ro""#)
            #expect(write.status == .created)
        }
    }

    @Test("a secret-classified key only takes @secret: references, and the 422 does not repeat the value")
    func classifiedSecrets() async throws {
        let (harness, writer) = try await Self.guarded()
        try await harness.application().test(.router) { client in
            let plain = try await client.send(
                .put, "\(Guarded.items)/db.password", token: writer, body: #""correct-horse-battery""#)
            #expect(try plain.violationSummary == ["secret.classified tenant/db.password"])
            #expect(!plain.text.contains("correct-horse"))
            let reference = try await client.send(
                .put, "\(Guarded.items)/db.password", token: writer, body: #""@secret:vault://kv/payments#db""#)
            #expect(reference.status == .created)
        }
    }

    @Test(
        "plaintext credentials are refused without any schema, in tenant and platform layers",
        arguments: [
            #""-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----""#,
            #""AKIAIOSFODNN7EXAMPLE""#, #""jdbc:postgresql://db/app?user=app&password=hunter22""#,
            #"{"nested": ["ok", "password=hunter22"]}"#,
        ])
    func plaintextCredentials(body: String) async throws {
        let harness = try APITestHarness()
        let writer = try await Guarded.writer()
        let platform = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let tenant = try await client.send(.put, "\(Guarded.items)/conn", token: writer, body: body)
            #expect(tenant.status == .unprocessableContent)
            #expect(try tenant.violations.map(\.code) == ["secret.plaintext"])
            #expect(!tenant.text.contains("hunter22") && !tenant.text.contains("AKIAIOSFODNN7EXAMPLE"))
            let global = try await client.send(
                .put, "/v1/platform/sets/payments/items/conn?scope=global", token: platform, body: body)
            #expect(try global.violations.map(\.code) == ["secret.plaintext"])
            #expect(harness.consensus.status().appliedIndex == 2, "both were applied, as refusals")
            let ordinary = try await client.send(.put, "\(Guarded.items)/conn", token: writer, body: #""db:5432""#)
            #expect(ordinary.status == .created)
        }
    }
}
