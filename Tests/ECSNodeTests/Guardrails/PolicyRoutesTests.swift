import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: PUT of a set's policy")
struct PolicyRoutesTests {
    @Test("requireApproval refuses direct PUT and DELETE with 409 until it is turned off")
    func requireApproval() async throws {
        let harness = try APITestHarness()
        let admin = try await Guarded.admin()
        let writer = try await Guarded.writer()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, "\(Guarded.items)/k", token: writer, body: "1").status == .created)
            let stored = try await client.send(.put, Guarded.policy, token: admin, body: #"{"requireApproval": true}"#)
            #expect(stored.status == .ok)
            #expect(try stored.json == ["tenant": "acme", "set": "payments", "requireApproval": true, "index": 2])

            for (method, body) in [(HTTPRequest.Method.put, Optional("2")), (.delete, nil)] {
                let refused = try await client.send(method, "\(Guarded.items)/k", token: writer, body: body)
                #expect(refused.status == .conflict)
                #expect(refused.headers[.contentType] == "application/problem+json")
                #expect(refused["type"] == "urn:ecs:problem:approval-required")
                guard case .string(let detail)? = refused["detail"] else {
                    Issue.record("no detail: \(refused.text)")
                    continue
                }
                #expect(detail.contains("drafts"))
            }
            let config = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: writer)
            #expect(try config.json["sets"]?["payments"] == ["version": 1, "items": ["k": 1]])
            let otherSet = "/v1/tenants/acme/sets/billing/items/k"
            #expect(try await client.send(.put, otherSet, token: writer, body: "1").status == .created)

            let off = try await client.send(.put, Guarded.policy, token: admin, body: #"{"requireApproval": false}"#)
            #expect(off["requireApproval"] == false)
            let allowed = try await client.send(.put, "\(Guarded.items)/k", token: writer, body: "2")
            #expect(allowed.status == .ok)
            #expect(allowed["version"] == 2)
        }
    }

    @Test("a set without versions may get a policy, which its first write already obeys")
    func beforeTheFirstWrite() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let fresh = "/v1/tenants/acme/sets/fresh"
            let stored = try await client.send(
                .put, "\(fresh)/policy", token: Guarded.admin(), body: #"{"requireApproval": true}"#)
            #expect(stored.status == .ok)
            let write = try await client.send(.put, "\(fresh)/items/k", token: Guarded.writer(), body: "1")
            #expect(write.status == .conflict)
        }
    }

    @Test(
        "a body that is not {\"requireApproval\": bool} is 400 naming the member",
        arguments: [
            ("{}", "requireApproval"), (#"{"requireApproval": "yes"}"#, "requireApproval"),
            (#"{"requireApproval": null}"#, "requireApproval"), (#"{"requireApproval": true, "x": 1}"#, "x"),
        ])
    func badBodies(body: String, path: String) async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, Guarded.policy, token: Guarded.admin(), body: body)
            #expect(response.status == .badRequest)
            #expect(try response.violations.map(\.path) == [path])
            #expect(harness.consensus.status().appliedIndex == 0)
        }
    }

    @Test("a body that is not an object, or not JSON, is 400; an unknown tenant is 404")
    func malformedAndUnknown() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            for body in ["[true]", "true", "nope"] {
                let response = try await client.send(.put, Guarded.policy, token: Guarded.admin(), body: body)
                #expect(response.status == .badRequest, "\(body)")
            }
            let unknown = try await client.send(
                .put, "/v1/tenants/nobody/sets/s/policy", token: TestTokens.platformAdmin(),
                body: #"{"requireApproval": true}"#)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("PUT policy needs a token (401) with ecs:admin on the tenant (403)")
    func authorization() async throws {
        let harness = try APITestHarness()
        let body = #"{"requireApproval": true}"#
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, Guarded.policy, body: body).status == .unauthorized)
            for token in try await Guarded.nonAdmins() {
                #expect(try await client.send(.put, Guarded.policy, token: token, body: body).status == .forbidden)
            }
            #expect(harness.consensus.status().appliedIndex == 0)
            let platform = try await TestTokens.platformAdmin()
            #expect(try await client.send(.put, Guarded.policy, token: platform, body: body).status == .ok)
        }
    }
}
