import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: drafts created, approved and published")
struct DraftLifecycleTests {
    /// Three changes at two scopes: a set, a JSON null (hiding an inherited value) and a delete.
    static let changes = [
        DraftFixture.set("retry.max", "5"), DraftFixture.set("debug", "null", scope: "env:prod"),
        DraftFixture.delete("old.flag"),
    ]

    @Test("a created draft is answered as stored (201, Location) and read back the same; nothing is published")
    func createThenGet() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        try await harness.application().test(.router) { client in
            try await DraftFixture.seed(client, [("retry.max", "3"), ("old.flag", "true")])
            let created = try await client.send(
                .post, DraftFixture.drafts, token: author, body: DraftFixture.body(Self.changes[0], Self.changes[1]))
            #expect(created.status == .created)
            guard case .string(let id)? = created["draftId"] else { throw DraftFixtureFailed(created.text) }
            #expect(DraftID(parsing: id) != nil)
            #expect(created.headers[.location] == DraftFixture.draft(id))
            #expect(
                try created.json == [
                    "draftId": .string(id), "tenant": "acme", "set": "payments", "author": "alice",
                    "message": "raise retries", "createdAt": "2027-01-15T08:00:00Z", "baseVersion": 2,
                    "changes": [
                        ["op": "set", "scope": "tenant", "key": "retry.max", "value": 5],
                        ["op": "set", "scope": "env:prod", "key": "debug", "value": .null],
                    ],
                    "state": "open", "approvals": [],
                ])

            let read = try await client.send(.get, DraftFixture.draft(id), token: try await DraftFixture.reviewer())
            #expect(read.status == .ok)
            #expect(try read.json == created.json)
            #expect(read.headers[.ecsIndex] != nil)
            let local = try await client.send(
                .get, DraftFixture.draft(id) + "?consistency=local", token: author)
            #expect(try local.json == created.json)
            #expect(try await DraftFixture.versions(client, after: 2).isEmpty)
        }
    }

    @Test("an approved draft publishes all its changes as ONE version, with its message and its author")
    func publishApproved() async throws {
        let harness = try APITestHarness()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            try await DraftFixture.seed(client, [("retry.max", "3"), ("old.flag", "true")])
            try await DraftFixture.requireApproval(client)
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(),
                DraftFixture.body(Self.changes[0], Self.changes[1], Self.changes[2]))

            let unapproved = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(unapproved.status == .conflict)
            #expect(unapproved["type"] == "urn:ecs:problem:approval-required")
            let approved = try await client.send(
                .post, DraftFixture.draft(id, "approve"), token: try await DraftFixture.reviewer())
            #expect(approved.status == .ok)
            #expect(approved["approvals"] == [["by": "bob", "at": "2027-01-15T08:00:00Z"]])
            #expect(approved["state"] == "open")

            let published = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(published.status == .created)
            #expect(published["version"] == 3 && published["tenant"] == "acme" && published["set"] == "payments")
            guard case .string(let etag)? = published["etag"] else { throw DraftFixtureFailed(published.text) }
            #expect(published.headers[.eTag] == "\"\(etag)\"")

            let versions = try await DraftFixture.versions(client, after: 2)
            #expect(versions.count == 1)
            #expect(versions.first?["author"] == "alice", "the draft's author, not its publisher")
            #expect(versions.first?["message"] == "raise retries")
            #expect(
                versions.first?["changes"] == [
                    ["op": "set", "scope": "tenant", "key": "retry.max", "value": 5, "previous": 3],
                    ["op": "set", "scope": "env:prod", "key": "debug", "value": .null],
                    ["op": "delete", "scope": "tenant", "key": "old.flag", "previous": true],
                ])
            let config = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: publisher)
            #expect(try config.json["sets"]?["payments"] == ["version": 3, "items": ["retry.max": 5]])

            let draft = try await client.send(.get, DraftFixture.draft(id), token: publisher)
            #expect(draft["state"] == "published")
            #expect(draft["published"] == ["version": 3, "by": "carol", "at": "2027-01-15T08:00:00Z"])
        }
    }

    @Test("a published draft is not published, approved or validated again (409 draft-published)")
    func publishedOnce() async throws {
        let harness = try APITestHarness()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(), DraftFixture.body(DraftFixture.set("retry.max", "5")))
            #expect(
                try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher).status == .created)
            let again = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(again.status == .conflict)
            #expect(again["type"] == "urn:ecs:problem:draft-published")
            let approve = try await client.send(
                .post, DraftFixture.draft(id, "approve"), token: try await DraftFixture.reviewer())
            #expect(approve.status == .conflict && approve["type"] == "urn:ecs:problem:draft-published")
            let validate = try await client.send(.post, DraftFixture.draft(id, "validate"), token: publisher)
            #expect(validate.status == .conflict && validate["type"] == "urn:ecs:problem:draft-published")
            #expect(try await DraftFixture.versions(client, after: 0).count == 1)
        }
    }

    @Test("the author may not approve their draft (403 self-approval); each other approver is recorded once")
    func approvals() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let author = try await DraftFixture.author()
            let id = try await DraftFixture.create(client, token: author, DraftFixture.body(DraftFixture.set("k", "1")))
            let own = try await client.send(.post, DraftFixture.draft(id, "approve"), token: author)
            #expect(own.status == .forbidden)
            #expect(own["type"] == "urn:ecs:problem:self-approval")

            let bob = try await DraftFixture.reviewer("bob")
            #expect(try await client.send(.post, DraftFixture.draft(id, "approve"), token: bob).status == .ok)
            let twice = try await client.send(.post, DraftFixture.draft(id, "approve"), token: bob)
            #expect(twice.status == .ok)
            #expect(twice["approvals"].map { if case .array(let list) = $0 { list.count } else { -1 } } == 1)
            let dave = try await client.send(
                .post, DraftFixture.draft(id, "approve"), token: try await DraftFixture.reviewer("dave"))
            #expect(
                dave["approvals"] == [
                    ["by": "bob", "at": "2027-01-15T08:00:00Z"], ["by": "dave", "at": "2027-01-15T08:00:00Z"],
                ])
            let read = try await client.send(.get, DraftFixture.draft(id), token: author)
            #expect(read["approvals"] == dave["approvals"] && read["state"] == "open")
        }
    }

    @Test("a draft publishes onto the set's head, even after the set moved on since its creation")
    func publishOntoHead() async throws {
        let harness = try APITestHarness()
        let publisher = try await DraftFixture.publisher()
        try await harness.application().test(.router) { client in
            try await DraftFixture.seed(client, [("retry.max", "3")])
            let id = try await DraftFixture.create(
                client, token: try await DraftFixture.author(), DraftFixture.body(DraftFixture.set("timeout", "30")))
            try await DraftFixture.seed(client, [("retry.max", "4")])
            let published = try await client.send(.post, DraftFixture.draft(id, "publish"), token: publisher)
            #expect(published.status == .created && published["version"] == 3)
            let layers = try await client.send(.get, "\(DraftFixture.set)/versions/3", token: publisher)
            #expect(layers["layers"] == ["tenant": ["retry.max": 4, "timeout": 30]])
            let draft = try await client.send(.get, DraftFixture.draft(id), token: publisher)
            #expect(draft["baseVersion"] == 1 && draft["published"]?["version"] == 3)
        }
    }
}
