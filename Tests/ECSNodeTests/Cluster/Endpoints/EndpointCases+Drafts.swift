import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// `…/drafts/{id}/` of `acme`'s `set` followed by `action` (none for the draft itself).
    static func draftPath(_ set: String, _ id: String, _ action: String? = nil, tenant: String = "acme") -> String {
        setPath(set, "drafts/\(id)" + (action.map { "/\($0)" } ?? ""), tenant: tenant)
    }

    /// A draft that sets a plaintext password: well-formed, so it is stored, but invalid.
    static let plaintextChange = #"[{"op": "set", "scope": "tenant", "key": "dsn", "value": "password=hunter2"}]"#

    /// A well-formed draft body with `message`: one change, setting `k` to 1.
    static func draftBody(_ message: String = "m") -> String {
        #"{"message": "\#(message)", "changes": [{"op": "set", "scope": "tenant", "key": "k", "value": 1}]}"#
    }

    /// Creates a draft in a fresh set and publishes it; the set and the draft's id.
    static func publishedDraft(_ walk: EndpointWalk) async throws -> (set: String, id: String) {
        let set = walk.fresh()
        let id = try await walk.draft(in: set)
        let published = try await walk.send(.POST, draftPath(set, id, "publish"))
        guard published.status == 201 else { throw UnexpectedReply(reply: published, expected: [201]) }
        return (set, id)
    }

    /// Drafts: creating, reading, validating, approving and publishing them.
    static let draftCases: [EndpointCase] = [
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts", 201, "an open draft, named by Location") { walk in
            let set = walk.fresh()
            return try await walk.send(
                .POST, setPath(set, "drafts"),
                body: #"{"message": "m", "changes": [{"op": "set", "scope": "env:prod", "key": "k", "value": 1}]}"#,
                on: .follower)
        } then: { reply, _ in
            let body = try reply.json
            guard case .string(let id)? = body["draftId"], case .string(let set)? = body["set"] else {
                throw UnexpectedReply(reply: reply, expected: [201])
            }
            #expect(reply.header("Location") == setPath(set, "drafts/\(id)"))
            #expect(body["state"] == "open" && body["approvals"] == [] && body["baseVersion"] == 0)
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts", 400, "no changes") { walk in
            try await walk.send(.POST, setPath(walk.fresh(), "drafts"), body: #"{"message": "m"}"#)
        } then: { reply, _ in
            #expect(reply.violations("path") == ["changes"])
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts", 404, "an unknown tenant") { walk in
            try await walk.send(
                .POST, setPath(walk.fresh(), "drafts", tenant: "nobody"), body: draftBody())
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts", 413, "a value over the edition's max-value-bytes") {
            walk in
            let change = #"[{"op": "set", "scope": "tenant", "key": "k", "value": \#(EndpointWalk.oversized(100))}]"#
            return try await walk.send(
                .POST, setPath(walk.fresh(), "drafts", tenant: "quota"),
                body: #"{"message": "m", "changes": \#(change)}"#)
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts", 422, "an Idempotency-Key reused for another draft"
        ) { walk in
            let key: HTTPHeaders = ["Idempotency-Key": walk.fresh("draft")]
            let path = setPath(walk.fresh(), "drafts")
            let first = try await walk.send(.POST, path, body: draftBody("a"), headers: key)
            #expect(first.status == 201, "\(first)")
            return try await walk.send(.POST, path, body: draftBody("b"), headers: key)
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:idempotency-key-reused")
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts", 429, "faster than the edition's writes per second")
        {
            walk in
            let path = setPath(walk.fresh(), "drafts", tenant: "slow")
            return try await walk.untilRefused(passing: 201) {
                try await walk.send(.POST, path, body: draftBody())
            }
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:rate-limited")
            #expect(reply.header("Retry-After") != nil)
        },

        EndpointCase("GET /v1/tenants/{tenant}/sets/{set}/drafts/{id}", 200, "the draft, on a follower") { walk in
            let set = walk.fresh()
            return try await walk.send(.GET, draftPath(set, try await walk.draft(in: set)), on: .follower)
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["state"] == "open" && body["author"] == "cluster-tests" && body["message"] == "walk")
            #expect(body["changes"] == [["op": "set", "scope": "tenant", "key": "k", "value": 1]])
        },
        EndpointCase("GET /v1/tenants/{tenant}/sets/{set}/drafts/{id}", 400, "a set name that is not a name") { walk in
            try await walk.send(.GET, draftPath("Not_A_Set", "1"))
        },
        EndpointCase("GET /v1/tenants/{tenant}/sets/{set}/drafts/{id}", 404, "an unknown draft") { walk in
            try await walk.send(.GET, draftPath(walk.fresh(), "no-such-draft"))
        },

        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate", 200, "a draft that would publish") {
            walk in
            let set = walk.fresh()
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "validate"))
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["valid"] == true && body["violations"] == [])
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate", 200, "a draft the secret guard refuses"
        ) { walk in
            let set = walk.fresh()
            let id = try await walk.draft(in: set, changes: plaintextChange)
            return try await walk.send(.POST, draftPath(set, id, "validate"))
        } then: { reply, _ in
            #expect(reply["valid"] == false)
            #expect(reply.violations("code").contains("secret.plaintext"), "\(reply)")
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate", 400, "a set name that is not a name")
        {
            walk in
            try await walk.send(.POST, draftPath("Not_A_Set", "1", "validate"))
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate", 404, "an unknown draft") { walk in
            try await walk.send(.POST, draftPath(walk.fresh(), "no-such-draft", "validate"))
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate", 409, "a published draft") { walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(.POST, draftPath(set, id, "validate"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:draft-published")
        },

        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 200, "a reviewer who is not the author"
        ) {
            walk in
            let set = walk.fresh()
            let id = try await walk.draft(in: set)
            return try await walk.send(
                .POST, draftPath(set, id, "approve"), as: try await walk.token(subject: "reviewer"))
        } then: { reply, _ in
            guard case .array(let approvals)? = reply["approvals"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            #expect(approvals.map { $0["by"] } == ["reviewer"])
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 403, "the draft's own author") {
            walk in
            let set = walk.fresh()
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "approve"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:self-approval")
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 400, "an Idempotency-Key too long") {
            walk in
            let set = walk.fresh()
            return try await walk.send(
                .POST, draftPath(set, try await walk.draft(in: set), "approve"),
                headers: ["Idempotency-Key": String(repeating: "k", count: 300)],
                as: try await walk.token(subject: "reviewer"))
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 404, "an unknown draft") { walk in
            try await walk.send(
                .POST, draftPath(walk.fresh(), "no-such-draft", "approve"),
                as: try await walk.token(subject: "reviewer"))
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 409, "a published draft") { walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(
                .POST, draftPath(set, id, "approve"), as: try await walk.token(subject: "reviewer"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:draft-published")
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve", 422,
            "an Idempotency-Key reused for another draft"
        ) { walk in
            let set = walk.fresh()
            let (first, second) = (try await walk.draft(in: set), try await walk.draft(in: set))
            let reviewer = try await walk.token(subject: "reviewer")
            let key: HTTPHeaders = ["Idempotency-Key": walk.fresh("approve")]
            let approved = try await walk.send(.POST, draftPath(set, first, "approve"), headers: key, as: reviewer)
            #expect(approved.status == 200, "\(approved)")
            return try await walk.send(.POST, draftPath(set, second, "approve"), headers: key, as: reviewer)
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:idempotency-key-reused")
        },

        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 201, "one version with its changes") {
            walk in
            let set = walk.fresh()
            return try await walk.send(
                .POST, draftPath(set, try await walk.draft(in: set), "publish"), on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1)
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 201,
            "an approved draft of a set that requires it"
        ) { walk in
            let set = walk.fresh()
            try await walk.requireApproval(set)
            let id = try await walk.draft(in: set)
            let approved = try await walk.send(
                .POST, draftPath(set, id, "approve"), as: try await walk.token(subject: "reviewer"))
            #expect(approved.status == 200, "\(approved)")
            return try await walk.send(.POST, draftPath(set, id, "publish"))
        } then: { reply, _ in
            try expectWrite(reply, version: 1)
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 400, "a set name that is not a name") {
            walk in
            try await walk.send(.POST, draftPath("Not_A_Set", "1", "publish"))
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 404, "an unknown draft") { walk in
            try await walk.send(.POST, draftPath(walk.fresh(), "no-such-draft", "publish"))
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 409, "a required approval that is missing"
        ) { walk in
            let set = walk.fresh()
            try await walk.requireApproval(set)
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "publish"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:approval-required")
        },
        EndpointCase("POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 409, "a draft published already") {
            walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(.POST, draftPath(set, id, "publish"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:draft-published")
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 422, "a draft the secret guard refuses"
        ) {
            walk in
            let set = walk.fresh()
            let id = try await walk.draft(in: set, changes: plaintextChange)
            return try await walk.send(.POST, draftPath(set, id, "publish"))
        } then: { reply, _ in
            #expect(reply.violations("code").contains("secret.plaintext"), "\(reply)")
        },
        EndpointCase(
            "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish", 429, "a new key past the edition's key quota"
        ) { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", tenant: "quota")
            let id = try await walk.draft(
                in: set, changes: #"[{"op": "set", "scope": "tenant", "key": "other", "value": 1}]"#, tenant: "quota")
            return try await walk.send(.POST, draftPath(set, id, "publish", tenant: "quota"))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:key-quota-exceeded")
        },
    ]
}
