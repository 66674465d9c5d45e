import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: drafts validated, and refused at publish while invalid")
struct DraftValidationTests {
    /// `retry.max` an integer of at least 1, `db.password` a secret reference.
    static let schema =
        #"{"type":"object","properties":{"retry.max":{"type":"integer","minimum":1},"#
        + #""db.password":{"x-classification":"secret"}}}"#

    /// Five problems: a wrong type, a value below its minimum (at another scope), a plaintext
    /// secret in a classified key, an AWS access key anywhere, and a delete of an absent key.
    static let invalidChanges = [
        DraftFixture.set("retry.max", #""many""#), DraftFixture.set("retry.max", "0", scope: "env:prod"),
        DraftFixture.set("db.password", #""correct-horse-battery""#),
        DraftFixture.set("aws", #""AKIAIOSFODNN7EXAMPLE""#),
        DraftFixture.delete("gone"),
    ]

    /// Every violation of `invalidChanges`, in the order validate and publish list them.
    static let invalidSummary = [
        "draft.absent tenant/gone", "secret.plaintext tenant/aws", "secret.classified tenant/db.password",
        "schema.type tenant/retry.max", "schema.minimum env:prod/retry.max",
    ]

    /// A harness whose set holds `retry.max = 3` (version 1) under `schema`.
    private static func guarded() async throws -> APITestHarness {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            try await DraftFixture.seed(client, [("retry.max", "3")])
            let stored = try await client.send(
                .put, "\(DraftFixture.set)/schema", token: try await DraftFixture.admin(), body: schema)
            try #require(stored.status == .ok, "\(stored.text)")
        }
        return harness
    }

    @Test("validate lists every violation publish would refuse with, without a log entry; publish is then 422")
    func invalidDraft() async throws {
        let harness = try await Self.guarded()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(),
                DraftFixture.body(
                    Self.invalidChanges[0], Self.invalidChanges[1], Self.invalidChanges[2], Self.invalidChanges[3],
                    Self.invalidChanges[4]))
            let applied = harness.consensus.status().appliedIndex
            let validation = try await client.send(
                .post, DraftFixture.draft(id, "validate"), token: try await DraftFixture.reviewer())
            #expect(validation.status == .ok)
            #expect(validation["valid"] == false && validation["version"] == 1 && validation["draftId"] == .string(id))
            #expect(try validation.violationSummary == Self.invalidSummary)
            #expect(!validation.text.contains("correct-horse") && !validation.text.contains("AKIA"))
            #expect(harness.consensus.status().appliedIndex == applied, "validate is a read")

            let refused = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(refused.status == .unprocessableContent)
            #expect(refused["type"] == "urn:ecs:problem:validation-failed")
            #expect(try refused.violations == validation.violations)
            #expect(try await DraftFixture.versions(client, after: 1).isEmpty)
            let draft = try await client.send(.get, DraftFixture.draft(id), token: publisher)
            #expect(draft["state"] == "open")
        }
    }

    @Test("a valid draft validates with no violations against the head version, and publishes")
    func validDraft() async throws {
        let harness = try await Self.guarded()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(),
                DraftFixture.body(
                    DraftFixture.set("retry.max", "7", scope: "env:prod"),
                    DraftFixture.set("db.password", #""@secret:vault://kv/payments#db""#)))
            let validation = try await client.send(.post, DraftFixture.draft(id, "validate"), token: publisher)
            #expect(try validation.json == ["draftId": .string(id), "valid": true, "violations": [], "version": 1])
            #expect(
                try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher).status == .created)
        }
    }

    @Test("a delete of a key removed since the draft was created is reported and refused (422 draft.absent)")
    func deletedSince() async throws {
        let harness = try APITestHarness()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            try await DraftFixture.seed(client, [("old.flag", "true")])
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(), DraftFixture.body(DraftFixture.delete("old.flag")))
            let before = try await client.send(.post, DraftFixture.draft(id, "validate"), token: publisher)
            #expect(before["valid"] == true)
            #expect(try await client.send(.delete, "\(DraftFixture.items)/old.flag", token: publisher).status == .ok)
            let after = try await client.send(.post, DraftFixture.draft(id, "validate"), token: publisher)
            #expect(after["valid"] == false && after["version"] == 2)
            #expect(try after.violationSummary == ["draft.absent tenant/old.flag"])
            let refused = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.violationSummary == ["draft.absent tenant/old.flag"])
        }
    }
}
