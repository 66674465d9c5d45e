import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let createDraft = "POST /v1/tenants/{tenant}/sets/{set}/drafts"
    private static let getDraft = "GET /v1/tenants/{tenant}/sets/{set}/drafts/{id}"
    private static let validateDraft = "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/validate"
    private static let approveDraft = "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/approve"
    private static let publishDraft = "POST /v1/tenants/{tenant}/sets/{set}/drafts/{id}/publish"

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
        EndpointCase(createDraft, 201, "an open draft, named by Location") { walk in
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
        EndpointCase(createDraft, 400, "no changes", violation: "changes") { walk in
            try await walk.send(.POST, setPath(walk.fresh(), "drafts"), body: #"{"message": "m"}"#)
        },
        EndpointCase(createDraft, 404, "an unknown tenant") { walk in
            try await walk.send(
                .POST, setPath(walk.fresh(), "drafts", tenant: "nobody"), body: draftBody())
        },
        EndpointCase(createDraft, 413, "a value over the edition's max-value-bytes") { walk in
            let change = #"[{"op": "set", "scope": "tenant", "key": "k", "value": \#(EndpointWalk.oversized(100))}]"#
            return try await walk.send(
                .POST, setPath(walk.fresh(), "drafts", tenant: "quota"),
                body: #"{"message": "m", "changes": \#(change)}"#)
        },
        EndpointCase(
            createDraft, 422, "an Idempotency-Key reused for another draft",
            problem: "idempotency-key-reused"
        ) { walk in
            let key: HTTPHeaders = ["Idempotency-Key": walk.fresh("draft")]
            let path = setPath(walk.fresh(), "drafts")
            let first = try await walk.send(.POST, path, body: draftBody("a"), headers: key)
            #expect(first.status == 201, "\(first)")
            return try await walk.send(.POST, path, body: draftBody("b"), headers: key)
        },
        EndpointCase(createDraft, 429, "faster than the edition's writes per second") { walk in
            let path = setPath(walk.fresh(), "drafts", tenant: "slow")
            return try await walk.untilRefused(passing: 201) {
                try await walk.send(.POST, path, body: draftBody())
            }
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:rate-limited")
            #expect(reply.header("Retry-After") != nil)
        },

        EndpointCase(getDraft, 200, "the draft, on a follower") { walk in
            let set = walk.fresh()
            return try await walk.send(.GET, draftPath(set, try await walk.draft(in: set)), on: .follower)
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["state"] == "open" && body["author"] == "cluster-tests" && body["message"] == "walk")
            #expect(body["changes"] == [["op": "set", "scope": "tenant", "key": "k", "value": 1]])
        },
        EndpointCase(getDraft, 400, "a set name that is not a name") { walk in
            try await walk.send(.GET, draftPath("Not_A_Set", "1"))
        },
        EndpointCase(getDraft, 404, "an unknown draft") { walk in
            try await walk.send(.GET, draftPath(walk.fresh(), "no-such-draft"))
        },

        EndpointCase(validateDraft, 200, "a draft that would publish") { walk in
            let set = walk.fresh()
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "validate"))
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["valid"] == true && body["violations"] == [])
        },
        EndpointCase(validateDraft, 200, "a draft the secret guard refuses") { walk in
            let set = walk.fresh()
            let id = try await walk.draft(in: set, changes: plaintextChange)
            return try await walk.send(.POST, draftPath(set, id, "validate"))
        } then: { reply, _ in
            #expect(reply["valid"] == false)
            #expect(reply.violations("code").contains("secret.plaintext"), "\(reply)")
        },
        EndpointCase(validateDraft, 400, "a set name that is not a name") { walk in
            try await walk.send(.POST, draftPath("Not_A_Set", "1", "validate"))
        },
        EndpointCase(validateDraft, 404, "an unknown draft") { walk in
            try await walk.send(.POST, draftPath(walk.fresh(), "no-such-draft", "validate"))
        },
        EndpointCase(validateDraft, 409, "a published draft", problem: "draft-published") { walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(.POST, draftPath(set, id, "validate"))
        },

        EndpointCase(approveDraft, 200, "a reviewer who is not the author") { walk in
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
        EndpointCase(approveDraft, 403, "the draft's own author", problem: "self-approval") { walk in
            let set = walk.fresh()
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "approve"))
        },
        EndpointCase(approveDraft, 400, "an Idempotency-Key too long") { walk in
            let set = walk.fresh()
            return try await walk.send(
                .POST, draftPath(set, try await walk.draft(in: set), "approve"),
                headers: ["Idempotency-Key": String(repeating: "k", count: 300)],
                as: try await walk.token(subject: "reviewer"))
        },
        EndpointCase(approveDraft, 404, "an unknown draft") { walk in
            try await walk.send(
                .POST, draftPath(walk.fresh(), "no-such-draft", "approve"),
                as: try await walk.token(subject: "reviewer"))
        },
        EndpointCase(approveDraft, 409, "a published draft", problem: "draft-published") { walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(
                .POST, draftPath(set, id, "approve"), as: try await walk.token(subject: "reviewer"))
        },
        EndpointCase(
            approveDraft, 422,
            "an Idempotency-Key reused for another draft", problem: "idempotency-key-reused"
        ) { walk in
            let set = walk.fresh()
            let (first, second) = (try await walk.draft(in: set), try await walk.draft(in: set))
            let reviewer = try await walk.token(subject: "reviewer")
            let key: HTTPHeaders = ["Idempotency-Key": walk.fresh("approve")]
            let approved = try await walk.send(.POST, draftPath(set, first, "approve"), headers: key, as: reviewer)
            #expect(approved.status == 200, "\(approved)")
            return try await walk.send(.POST, draftPath(set, second, "approve"), headers: key, as: reviewer)
        },

        EndpointCase(publishDraft, 201, "one version with its changes") { walk in
            let set = walk.fresh()
            return try await walk.send(
                .POST, draftPath(set, try await walk.draft(in: set), "publish"), on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1)
        },
        EndpointCase(publishDraft, 201, "an approved draft of a set that requires it") { walk in
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
        EndpointCase(publishDraft, 400, "a set name that is not a name") { walk in
            try await walk.send(.POST, draftPath("Not_A_Set", "1", "publish"))
        },
        EndpointCase(publishDraft, 404, "an unknown draft") { walk in
            try await walk.send(.POST, draftPath(walk.fresh(), "no-such-draft", "publish"))
        },
        EndpointCase(publishDraft, 409, "a required approval that is missing", problem: "approval-required") { walk in
            let set = walk.fresh()
            try await walk.requireApproval(set)
            return try await walk.send(.POST, draftPath(set, try await walk.draft(in: set), "publish"))
        },
        EndpointCase(publishDraft, 409, "a draft published already", problem: "draft-published") { walk in
            let (set, id) = try await publishedDraft(walk)
            return try await walk.send(.POST, draftPath(set, id, "publish"))
        },
        EndpointCase(publishDraft, 422, "a draft the secret guard refuses", violation: "secret.plaintext") { walk in
            let set = walk.fresh()
            let id = try await walk.draft(in: set, changes: plaintextChange)
            return try await walk.send(.POST, draftPath(set, id, "publish"))
        },
        EndpointCase(
            publishDraft, 429, "a new key past the edition's key quota",
            problem: "key-quota-exceeded"
        ) { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", tenant: "quota")
            let id = try await walk.draft(
                in: set, changes: #"[{"op": "set", "scope": "tenant", "key": "other", "value": 1}]"#, tenant: "quota")
            return try await walk.send(.POST, draftPath(set, id, "publish", tenant: "quota"))
        },
    ]
}
