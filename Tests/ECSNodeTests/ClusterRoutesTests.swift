import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: /v1/cluster/members and /v1/cluster/transfer-leadership")
struct ClusterRoutesTests {
    private let members = "/v1/cluster/members"

    @Test("a learner is added, promoted and removed; each answer carries the committing index")
    func membershipLifecycle() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let added = try await client.send(
                .post, members, token: admin,
                body: #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"learner"}"#)
            #expect(added.status == .created)
            #expect(added.headers[.ecsNode] == "n1")
            #expect(
                try added.json == [
                    "id": "n4", "raftAddr": "127.0.0.1:9084", "httpAddr": "127.0.0.1:8084", "role": "learner",
                    "index": 1,
                ])

            let promoted = try await client.send(.post, "\(members)/n4/promote", token: admin)
            #expect(promoted.status == .ok)
            #expect(try promoted.json == ["id": "n4", "role": "voter", "index": 2])

            let voter = try await client.send(
                .post, members, token: admin,
                body: #"{"id":"n5","raftAddr":"[::1]:9085","httpAddr":"localhost:8085","role":"voter"}"#)
            #expect(voter.status == .created)
            #expect(voter["role"] == "voter")
            #expect(voter["index"] == 3)

            let removed = try await client.send(.delete, "\(members)/n4", token: admin)
            #expect(removed.status == .ok)
            #expect(try removed.json == ["id": "n4", "index": 4])

            let status = try await client.send(.get, "/v1/cluster/status", token: admin)
            let ids = try #require(
                status["members"].flatMap { value -> [JSONValue]? in
                    if case .array(let list) = value { list } else { nil }
                })
            #expect(ids.map { $0["id"] } == ["n1", "n5"])
        }
        #expect(
            harness.consensus.membershipChanges == [
                .add(
                    MemberRecord(
                        name: "n4", raftAddress: "127.0.0.1:9084", httpAddress: "127.0.0.1:8084", region: "eu"),
                    learner: true),
                .promote(name: "n4"),
                .add(
                    MemberRecord(name: "n5", raftAddress: "[::1]:9085", httpAddress: "localhost:8085", region: "eu"),
                    learner: false),
                .remove(name: "n4"),
            ], "the new member joins this node's region")
    }

    @Test(
        "a malformed member is a 400 naming what is wrong",
        arguments: [
            ("not json", "bad-request", nil),
            (#"["n4"]"#, "bad-request", nil),
            (#"{"raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"voter"}"#, "invalid-request", "id"),
            (
                #"{"id":"N4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"voter"}"#,
                "invalid-request", "id"
            ),
            (
                #"{"id":4,"raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"voter"}"#, "invalid-request",
                "id"
            ),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1","httpAddr":"127.0.0.1:8084","role":"voter"}"#, "invalid-request",
                "raftAddr"
            ),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":":8084","role":"voter"}"#, "invalid-request",
                "httpAddr"
            ),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:70000","role":"voter"}"#,
                "invalid-request", "httpAddr"
            ),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:9084","role":"voter"}"#,
                "invalid-request", "httpAddr"
            ),
            (#"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084"}"#, "invalid-request", "role"),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"witness"}"#,
                "invalid-request", "role"
            ),
            (
                #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"voter","learner":true}"#,
                "invalid-request", "learner"
            ),
        ] as [(String, String, String?)])
    func badMembers(body: String, code: String, path: String?) async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.post, members, token: admin, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response["type"] == .string("urn:ecs:problem:\(code)"))
            if let path { #expect(try response.json["violations"]?.containsPath(path) == true) }
        }
        #expect(harness.consensus.membershipChanges.isEmpty)
    }

    @Test("a member id in the path that is not a name is a 400")
    func badPathIDs() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client async throws in
            #expect(try await client.send(.post, "\(members)/N1/promote", token: admin).status == .badRequest)
            #expect(try await client.send(.delete, "\(members)/n_1", token: admin).status == .badRequest)
        }
    }

    @Test("only the platform admin may change the membership: 401 without a token, 403 for anyone else")
    func adminOnly() async throws {
        let harness = try APITestHarness()
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin, .write, .read])
        let everyTenantWriter = try await TestTokens.bearer(tenant: "*", scopes: [.write, .read])
        let body = #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"voter"}"#
        let requests: [(HTTPRequest.Method, String, String?)] = [
            (.post, members, body), (.post, "\(members)/n1/promote", nil), (.delete, "\(members)/n1", nil),
            (.post, "/v1/cluster/transfer-leadership", nil),
        ]
        try await harness.application().test(.router) { client in
            for (method, uri, body) in requests {
                let anonymous = try await client.send(method, uri, body: body)
                #expect(anonymous.status == .unauthorized, "\(method) \(uri)")
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                for token in [tenantAdmin, everyTenantWriter] {
                    let refused = try await client.send(method, uri, token: token, body: body)
                    #expect(refused.status == .forbidden, "\(method) \(uri)")
                    #expect(refused.headers[.contentType] == "application/problem+json")
                }
                let garbage = try await client.send(method, uri, token: "Bearer nope", body: "{")
                #expect(garbage.status == .unauthorized, "the token is checked before the body")
            }
        }
        #expect(harness.consensus.membershipChanges.isEmpty)
        #expect(harness.consensus.status().leader == "n1")
    }

    @Test("an unknown member is a 404; a change that does not fit the membership is a 409")
    func refusedChanges() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            for response in [
                try await client.send(.post, "\(members)/n9/promote", token: admin),
                try await client.send(.delete, "\(members)/n9", token: admin),
            ] {
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response["detail"] == "unknown member n9")
            }
            let conflicts = [
                try await client.send(.post, "\(members)/n1/promote", token: admin),
                try await client.send(.delete, "\(members)/n1", token: admin),
                try await client.send(
                    .post, members, token: admin,
                    body: #"{"id":"n1","raftAddr":"127.0.0.1:9091","httpAddr":"127.0.0.1:8091","role":"voter"}"#),
                try await client.send(.post, "/v1/cluster/transfer-leadership", token: admin, body: #"{"to":"n7"}"#),
            ]
            for response in conflicts {
                #expect(response.status == .conflict)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response["type"] == "urn:ecs:problem:conflict")
            }
        }
        #expect(harness.consensus.membershipChanges.isEmpty)
    }

    @Test("leadership goes to the named voter, or to another voter when none is named")
    func transferLeadership() async throws {
        let admin = try await TestTokens.platformAdmin()
        for body: String? in [nil, "", "{}", #"{"to":null}"#, #"{"to":"n3"}"#] {
            let harness = try APITestHarness()
            for (id, port) in [("n2", 2), ("n3", 3)] {
                _ = try await harness.consensus.changeMembership(
                    .add(
                        MemberRecord(
                            name: id, raftAddress: "127.0.0.1:908\(port)", httpAddress: "127.0.0.1:808\(port)",
                            region: "eu"), learner: false))
            }
            try await harness.application().test(.router) { client in
                let response = try await client.send(.post, "/v1/cluster/transfer-leadership", token: admin, body: body)
                #expect(response.status == .ok, "body \(body ?? "none")")
                let expected: JSONValue = body?.contains("n3") == true ? "n3" : "n2"
                #expect(try response.json == ["leader": expected])
                #expect(harness.consensus.status().leader == expected.stringValue)
            }
        }
    }

    @Test(
        "a malformed transfer body is a 400",
        arguments: ["[]", #"{"to":"N2"}"#, #"{"to":2}"#, #"{"node":"n2"}"#, "{"])
    func badTransfers(body: String) async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.post, "/v1/cluster/transfer-leadership", token: admin, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
        #expect(harness.consensus.status().leader == "n1")
    }

    @Test("without another voter, or without a leader, the answer is 503")
    func unavailable() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let alone = try await client.send(.post, "/v1/cluster/transfer-leadership", token: admin)
            #expect(alone.status == .serviceUnavailable)
            #expect(alone.headers[.retryAfter] != nil)
            harness.consensus.failProposals(with: .notLeader(leaderHTTPAddress: nil))
            #expect(try await client.send(.delete, "\(members)/n1", token: admin).status == .serviceUnavailable)
            harness.consensus.failProposals(with: .outcomeUnknown(reason: "leadership changed"))
            #expect(try await client.send(.post, "\(members)/n1/promote", token: admin).status == .gatewayTimeout)
        }
    }

    @Test("on a follower every cluster change is forwarded to the leader, body and token included")
    func forwarded() async throws {
        let leader = try APITestHarness(nodeName: "leader")
        let follower = try APITestHarness(nodeName: "follower")
        let admin = try await TestTokens.platformAdmin()
        try await withForwardingClient { client in
            try await leader.application().test(.live) { leaderClient in
                let leaderPort = try #require(leaderClient.port)
                follower.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(leaderPort)"))
                try await follower.application(httpClient: client).test(.live) { followerClient in
                    let added = try await followerClient.send(
                        .post, members, token: admin,
                        body: #"{"id":"n4","raftAddr":"127.0.0.1:9084","httpAddr":"127.0.0.1:8084","role":"learner"}"#)
                    #expect(added.status == .created)
                    #expect(added.headers[.ecsNode] == "leader")
                    #expect(added["index"] == 1)

                    let promoted = try await followerClient.send(.post, "\(members)/n4/promote", token: admin)
                    #expect(promoted.status == .ok)
                    #expect(promoted.headers[.ecsNode] == "leader")

                    let unknown = try await followerClient.send(.delete, "\(members)/n9", token: admin)
                    #expect(unknown.status == .notFound, "the leader's refusal comes back unchanged")
                    #expect(unknown.headers[.contentType] == "application/problem+json")

                    let removed = try await followerClient.send(.delete, "\(members)/n4", token: admin)
                    #expect(removed.status == .ok)

                    _ = try await leader.consensus.changeMembership(
                        .add(
                            MemberRecord(
                                name: "n2", raftAddress: "127.0.0.1:9082", httpAddress: "127.0.0.1:8082",
                                region: "eu"), learner: false))
                    let transferred = try await followerClient.send(
                        .post, "/v1/cluster/transfer-leadership", token: admin, body: #"{"to":"n2"}"#)
                    #expect(transferred.status == .ok)
                    #expect(try transferred.json == ["leader": "n2"])

                    let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin])
                    let refused = try await followerClient.send(.delete, "\(members)/n2", token: tenantAdmin)
                    #expect(refused.status == .forbidden)
                }
            }
        }
        #expect(follower.consensus.membershipChanges.isEmpty)
        #expect(leader.consensus.membershipChanges.count == 4)
        #expect(leader.consensus.status().leader == "n2")
    }
}

extension JSONValue {
    /// Whether this is an array of violations one of which has `path`.
    func containsPath(_ path: String) -> Bool {
        guard case .array(let violations) = self else { return false }
        return violations.contains { $0["path"] == .string(path) }
    }
}
