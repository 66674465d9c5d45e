import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: draft requests refused (400, 401, 403, 404)")
struct DraftRefusalTests {
    @Test(
        "a malformed draft is 400 naming the problem, and nothing is stored",
        arguments: [
            (DraftFixture.body(#"{"op":"move","scope":"tenant","key":"k","value":1}"#), "invalid-change changes[0]"),
            (DraftFixture.body(DraftFixture.set("k", "1", scope: "planet")), "invalid-change changes[0]"),
            (DraftFixture.body(DraftFixture.set("k", "1", scope: "global")), "invalid-scope changes[0].scope"),
            (DraftFixture.body(DraftFixture.set("-k", "1")), "invalid-key changes[0].key"),
            (DraftFixture.body(#"{"op":"set","scope":"tenant","key":"k"}"#), "invalid-change changes[0]"),
            (DraftFixture.body(#"{"op":"delete","scope":"tenant","key":"k","value":1}"#), "invalid-change changes[0]"),
            (
                DraftFixture.body(#"{"op":"delete","scope":"tenant","key":"k","colour":1}"#),
                "unknown-field changes[0].colour"
            ),
            (DraftFixture.body(#""k""#), "invalid-type changes[0]"),
            (DraftFixture.body(), "invalid-changes changes"),
            (DraftFixture.body(DraftFixture.delete("k"), DraftFixture.set("k", "1")), "duplicate-change changes[1]"),
            (DraftFixture.body(DraftFixture.delete("k"), message: ""), "invalid-message message"),
            (#"{"changes":[{"op":"delete","scope":"tenant","key":"k"}]}"#, "required message"),
            (#"{"message":"m","changes":{"op":"delete"}}"#, "invalid-type changes"),
            (#"{"message":"m","changes":[],"extra":1}"#, "unknown-field extra"),
        ])
    func malformed(body: String, violation: String) async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let response = try await client.send(
                .post, DraftFixture.drafts, token: try await DraftFixture.author(), body: body)
            #expect(response.status == .badRequest)
            #expect(try response.violationSummary == [violation])
        }
        #expect(harness.consensus.status().appliedIndex == 0, "refused before it is proposed")
    }

    @Test("more than 1000 changes, a message over 1024 bytes, or a body that is not JSON is 400")
    func tooLarge() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        try await harness.application().test(.router) { client in
            let many = (0...1000).map { DraftFixture.set("k\($0)", "1") }.joined(separator: ",")
            let tooMany = try await client.send(
                .post, DraftFixture.drafts, token: author, body: #"{"message":"m","changes":[\#(many)]}"#)
            #expect(tooMany.status == .badRequest)
            #expect(try tooMany.violationSummary == ["invalid-changes changes"])
            let long = DraftFixture.body(DraftFixture.delete("k"), message: String(repeating: "é", count: 513))
            let wordy = try await client.send(.post, DraftFixture.drafts, token: author, body: long)
            #expect(try wordy.violationSummary == ["invalid-message message"])
            let notJSON = try await client.send(.post, DraftFixture.drafts, token: author, body: "{")
            #expect(notJSON.status == .badRequest)
            let fits = DraftFixture.body(DraftFixture.delete("k"), message: String(repeating: "é", count: 512))
            #expect(try await client.send(.post, DraftFixture.drafts, token: author, body: fits).status == .created)
        }
    }

    @Test("an unknown draft is 404 on every draft route, in another set too; an unknown tenant is 404")
    func unknown() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        try await harness.application().test(.router) { client in
            let id = try await DraftFixture.create(client, token: author, DraftFixture.body(DraftFixture.set("k", "1")))
            let elsewhere = "/v1/tenants/acme/sets/billing/drafts/\(id)"
            for path in [DraftFixture.draft("d999"), DraftFixture.draft("xyz"), DraftFixture.draft("d0"), elsewhere] {
                #expect(try await client.send(.get, path, token: author).status == .notFound, "\(path)")
                for action in ["validate", "publish"] {
                    #expect(try await client.send(.post, "\(path)/\(action)", token: author).status == .notFound)
                }
                let approve = try await client.send(
                    .post, "\(path)/approve", token: try await DraftFixture.reviewer())
                #expect(approve.status == .notFound, "\(path)")
            }
            let admin = try await TestTokens.platformAdmin()
            let nobody = try await client.send(
                .post, "/v1/tenants/nobody/sets/payments/drafts", token: admin,
                body: DraftFixture.body(DraftFixture.set("k", "1")))
            #expect(nobody.status == .notFound && nobody["type"] == "urn:ecs:problem:unknown-tenant")
            let unknownTenantDraft = try await client.send(
                .get, "/v1/tenants/nobody/sets/payments/drafts/\(id)", token: admin)
            #expect(unknownTenantDraft.status == .notFound)
        }
    }

    @Test("no token is 401; creating and publishing need ecs:write, approving ecs:approve, reading ecs:read (403)")
    func authorization() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        let reviewer = try await DraftFixture.reviewer()
        let publisher = try await DraftFixture.publisher()
        let stranger = try await TestTokens.bearer(tenant: "globex", scopes: [.read, .write, .approve, .admin])
        let writeOnly = try await TestTokens.bearer(tenant: "acme", scopes: [.write], subject: "erin")
        try await harness.application().test(.router) { client in
            let body = DraftFixture.body(DraftFixture.set("k", "1"))
            let id = try await DraftFixture.create(client, token: author, body)
            let attempts: [(HTTPRequest.Method, String, String?, String?, HTTPResponse.Status)] = [
                (.post, DraftFixture.drafts, nil, body, .unauthorized),
                (.post, DraftFixture.drafts, reviewer, body, .forbidden),
                (.post, DraftFixture.drafts, stranger, body, .forbidden),
                (.get, DraftFixture.draft(id), nil, nil, .unauthorized),
                (.get, DraftFixture.draft(id), writeOnly, nil, .forbidden),
                (.get, DraftFixture.draft(id), stranger, nil, .forbidden),
                (.post, DraftFixture.draft(id, "validate"), writeOnly, nil, .forbidden),
                (.post, DraftFixture.draft(id, "approve"), nil, nil, .unauthorized),
                (.post, DraftFixture.draft(id, "approve"), publisher, nil, .forbidden),
                (.post, DraftFixture.draft(id, "approve"), stranger, nil, .forbidden),
                (.post, DraftFixture.draft(id, "publish"), nil, nil, .unauthorized),
                (.post, DraftFixture.draft(id, "publish"), reviewer, nil, .forbidden),
                (.post, DraftFixture.draft(id, "publish"), stranger, nil, .forbidden),
            ]
            for (method, path, token, body, status) in attempts {
                let response = try await client.send(method, path, token: token, body: body)
                #expect(response.status == status, "\(method) \(path)")
                #expect(response["type"] != "urn:ecs:problem:self-approval")
            }
            let draft = try await client.send(.get, DraftFixture.draft(id), token: author)
            #expect(draft["approvals"] == [] && draft["state"] == "open")
        }
    }
}
