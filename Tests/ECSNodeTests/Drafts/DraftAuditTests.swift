import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: drafts in the audit trail, and Idempotency-Key on their POSTs")
struct DraftAuditTests {
    @Test("creating, approving and publishing are audited, refusals included, values only as hashes")
    func audited() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            try await DraftFixture.requireApproval(client)
            let id = try await DraftFixture.create(
                client, token: author, DraftFixture.body(DraftFixture.set("colour", #""ultramarine""#)))
            let path = DraftFixture.draft(id)
            #expect(try await client.send(.post, "\(path)/approve", token: author).status == .forbidden)
            #expect(try await client.send(.post, "\(path)/publish", token: publisher).status == .conflict)
            let reviewer = try await DraftFixture.reviewer()
            #expect(try await client.send(.post, "\(path)/approve", token: reviewer).status == .ok)
            #expect(try await client.send(.post, "\(path)/validate", token: reviewer).status == .ok)
            #expect(try await client.send(.post, "\(path)/publish", token: publisher).status == .created)
            #expect(try await client.send(.post, "\(path)/publish", token: publisher).status == .conflict)

            let audit = try await client.send(.get, "/v1/tenants/acme/audit", token: try await DraftFixture.admin())
            guard case .array(let all)? = audit["records"] else { throw DraftFixtureFailed(audit.text) }
            let records = all.filter { $0["action"] != "set.policy.put" }
            let summary = records.map { record in
                [record["action"], record["actor"], record["outcome"], record["resource"]].map { value in
                    if case .string(let text)? = value { text } else { "?" }
                }
            }
            let resource = "sets/payments/drafts/\(id)"
            #expect(
                summary == [
                    ["draft.create", "alice", "ok", "sets/payments/drafts"],
                    ["draft.approve", "alice", "denied:self-approval", resource],
                    ["draft.publish", "carol", "denied:approval-required", resource],
                    ["draft.approve", "bob", "ok", resource],
                    ["draft.publish", "carol", "ok", resource],
                    ["draft.publish", "carol", "denied:draft-published", resource],
                ])
            #expect(records.first?["detail"]?["draftId"] == .string(id))
            #expect(records.first?["detail"]?["changes"] == 1)
            #expect(records.first?["detail"]?["changesHash"] != nil)
            #expect(records[3]["detail"]?["approvals"] == 1)
            #expect(records[4]["detail"]?["version"] == 1)
            #expect(!audit.text.contains("ultramarine"))
        }
    }

    @Test("a retried create, approve or publish with the same Idempotency-Key gets the first answer again")
    func idempotent() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        let publisher = try await DraftFixture.publisher()
        let reviewer = try await DraftFixture.reviewer()
        try await harness.application().test(.router) { client in
            let body = DraftFixture.body(DraftFixture.set("retry.max", "5"))
            let created = try await client.send(
                .post, DraftFixture.drafts, token: author, body: body, headers: [.idempotencyKey: "draft-1"])
            #expect(created.status == .created)
            let recreated = try await client.send(
                .post, DraftFixture.drafts, token: author, body: body, headers: [.idempotencyKey: "draft-1"])
            #expect(recreated.status == .created && recreated.body == created.body)
            #expect(recreated.headers[.idempotentReplayed] == "true")
            #expect(try harness.state.dumpTables()[ConfigTables.draftsName]?.count == 1)
            guard case .string(let id)? = created["draftId"] else { throw DraftFixtureFailed(created.text) }

            let approve = DraftFixture.draft(id, "approve")
            let approved = try await client.send(.post, approve, token: reviewer, headers: [.idempotencyKey: "ok-1"])
            let reapproved = try await client.send(.post, approve, token: reviewer, headers: [.idempotencyKey: "ok-1"])
            #expect(approved.status == .ok && reapproved.body == approved.body)
            #expect(reapproved.headers[.idempotentReplayed] == "true")

            let publish = DraftFixture.draft(id, "publish")
            let published = try await client.send(.post, publish, token: publisher, headers: [.idempotencyKey: "pub-1"])
            #expect(published.status == .created)
            let replayed = try await client.send(.post, publish, token: publisher, headers: [.idempotencyKey: "pub-1"])
            #expect(replayed.status == .created, "the first answer, not 409 draft-published")
            #expect(replayed.body == published.body && replayed.headers[.eTag] == published.headers[.eTag])
            #expect(replayed.headers[.idempotentReplayed] == "true")
            #expect(try await DraftFixture.versions(client, after: 0).count == 1)

            let other = try await DraftFixture.create(client, token: author, body)
            let reused = try await client.send(
                .post, DraftFixture.draft(other, "publish"), token: publisher, headers: [.idempotencyKey: "pub-1"])
            #expect(reused.status == .unprocessableContent)
            #expect(reused["type"] == "urn:ecs:problem:idempotency-key-reused")
        }
    }
}
