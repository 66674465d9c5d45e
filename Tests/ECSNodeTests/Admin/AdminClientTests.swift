import Admin
import Foundation
import Testing

/// `AdminClient` against scripted answers: how the API's JSON becomes typed values, how refusals
/// become problems, and when the next endpoint is tried.
@Suite("Admin client")
struct AdminClientTests {
    static let n1 = "http://127.0.0.1:8081"
    static let n2 = "http://127.0.0.1:8082"

    static func client(_ transport: ScriptedTransport, endpoints: [String] = [n1, n2]) throws -> AdminClient {
        AdminClient(endpoints: try endpoints.map(Endpoint.init(parsing:)), token: "the-token", transport: transport)
    }

    /// A status as `GET /v1/cluster/status` writes it.
    static let statusJSON = """
        {"appliedIndex":41,"commitIndex":42,"leader":"n1","members":[\
        {"healthy":true,"httpAddr":"127.0.0.1:8081","id":"n1","matchIndex":42,"raftAddr":"127.0.0.1:9081","role":"voter"},\
        {"healthy":false,"httpAddr":"","id":"n4","matchIndex":0,"raftAddr":"127.0.0.1:9084","role":"learner"}],\
        "node":"n1","region":"eu","role":"leader","term":7}
        """

    static let tenantJSON = """
        {"createdAt":"2026-01-02T03:04:05.678Z","edition":"pro","homeRegion":"eu","residency":"replicated","tenant":"acme"}
        """

    @Test("status decodes every field, and the request carries the token to the status path")
    func statusDecodes() async throws {
        let transport = ScriptedTransport(answering: .json(200, Self.statusJSON), at: [Self.n1])
        let reply = try await Self.client(transport).status()
        let status = reply.value
        #expect(status.node == "n1" && status.region == "eu" && status.role == .leader && status.term == 7)
        #expect(status.leader == "n1" && status.commitIndex == 42 && status.appliedIndex == 41)
        #expect(
            status.members == [
                .init(
                    id: "n1", raftAddress: "127.0.0.1:9081", httpAddress: "127.0.0.1:8081", role: .voter,
                    matchIndex: 42, healthy: true),
                .init(
                    id: "n4", raftAddress: "127.0.0.1:9084", httpAddress: "", role: .learner, matchIndex: 0,
                    healthy: false),
            ])
        #expect(reply.status == 200 && reply.endpoint.baseURL == Self.n1)
        #expect(reply.body == Array(Self.statusJSON.utf8))
        let sent = try #require(transport.requests.first).request
        #expect(sent == AdminRequest(method: .get, path: "/v1/cluster/status", bearerToken: "the-token"))
    }

    @Test("a status without a known leader decodes with a nil leader")
    func statusWithoutLeader() async throws {
        let json = Self.statusJSON.replacingOccurrences(of: #""leader":"n1""#, with: #""leader":null"#)
            .replacingOccurrences(of: #""role":"leader""#, with: #""role":"candidate""#)
        let status = try await Self.client(ScriptedTransport(answering: .json(200, json), at: [Self.n1])).status()
        #expect(status.value.leader == nil && status.value.role == .candidate)
    }

    @Test("the leader's status comes from the leader: asked directly, or found through a follower")
    func leaderStatus() async throws {
        let followerJSON = Self.statusJSON.replacingOccurrences(of: #""node":"n1""#, with: #""node":"n2""#)
            .replacingOccurrences(of: #""role":"leader""#, with: #""role":"follower""#)
        let n3 = "http://127.0.0.1:8083"
        let transport = ScriptedTransport([
            n3: .success(.json(200, followerJSON)), Self.n1: .success(.json(200, Self.statusJSON)),
        ])
        let reply = try await Self.client(transport, endpoints: [n3]).leaderStatus()
        #expect(reply.value.node == "n1" && reply.value.role == .leader && reply.endpoint.baseURL == Self.n1)
        #expect(transport.requests.map(\.endpoint) == [n3, Self.n1])

        let leaderUnreachable = ScriptedTransport([n3: .success(.json(200, followerJSON))])
        let fallback = try await Self.client(leaderUnreachable, endpoints: [n3]).leaderStatus()
        #expect(fallback.value.node == "n2" && fallback.endpoint.baseURL == n3)

        let leader = ScriptedTransport(answering: .json(200, Self.statusJSON), at: [Self.n1])
        #expect(try await Self.client(leader).leaderStatus().value.node == "n1")
        #expect(leader.requests.count == 1)
    }

    @Test("a problem+json refusal becomes the node's problem, with its status, title, detail and type")
    func problemRefusal() async throws {
        let answer = AdminResponse.problem(401, title: "Unauthorized", code: "unauthorized", detail: "token expired")
        let client = try Self.client(ScriptedTransport(answering: answer, at: [Self.n1]))
        let error = await #expect(throws: AdminError.self) { try await client.status() }
        let problem = ServerProblem(
            status: 401, title: "Unauthorized", detail: "token expired", type: "urn:ecs:problem:unauthorized")
        #expect(error == .refused(problem))
        #expect(error?.description == "401 Unauthorized: token expired")
    }

    @Test("violations are kept and printed one per line")
    func violations() async throws {
        let body = """
            {"type":"urn:ecs:problem:invalid-request","title":"Bad Request","status":400,\
            "detail":"the new member is invalid","violations":[\
            {"code":"invalid-address","path":"raftAddr","message":"raftAddr must be host:port"}]}
            """
        let client = try Self.client(ScriptedTransport(answering: .json(400, body), at: [Self.n1]))
        let error = await #expect(throws: AdminError.self) {
            try await client.addMember(id: "n4", raftAddress: "x", httpAddress: "y", learner: true)
        }
        guard case .refused(let problem)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(
            problem.violations == [
                .init(code: "invalid-address", path: "raftAddr", message: "raftAddr must be host:port")
            ])
        #expect(
            problem.description
                == "400 Bad Request: the new member is invalid\n  raftAddr: raftAddr must be host:port (invalid-address)"
        )
    }

    @Test("an error answer that is not a problem document keeps its status, the reason phrase and the text")
    func foreignErrorBody() async throws {
        let answer = AdminResponse(status: 502, contentType: "text/html", body: Array("  upstream broke \n".utf8))
        let client = try Self.client(ScriptedTransport(answering: answer, at: [Self.n1]))
        let error = await #expect(throws: AdminError.self) { try await client.listTenants() }
        #expect(error == .refused(ServerProblem(status: 502, title: "Bad Gateway", detail: "upstream broke")))
    }

    @Test("a success whose body is not the promised JSON is an unexpected answer, not a crash")
    func malformedSuccess() async throws {
        let client = try Self.client(ScriptedTransport(answering: .json(200, #"{"node": 3}"#), at: [Self.n1]))
        let error = await #expect(throws: AdminError.self) { try await client.status() }
        guard case .unexpectedAnswer(let endpoint, let status, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(endpoint.baseURL == Self.n1 && status == 200)
    }

    @Test("an endpoint that cannot be connected to is skipped for the next, in order")
    func fallsBackWhenNotConnected() async throws {
        let transport = ScriptedTransport([Self.n2: .success(.json(200, Self.statusJSON))])
        let reply = try await Self.client(transport).status()
        #expect(reply.endpoint.baseURL == Self.n2)
        #expect(transport.requests.map(\.endpoint) == [Self.n1, Self.n2])
    }

    @Test("when no endpoint can be reached, each is named with its reason, in the order tried")
    func unreachable() async throws {
        let transport = ScriptedTransport([Self.n2: .failure(.notConnected(reason: "connect timed out"))])
        let error = await #expect(throws: AdminError.self) { try await Self.client(transport).removeMember("n3") }
        #expect(
            error
                == .unreachable([
                    .init(endpoint: try Endpoint(parsing: Self.n1), reason: "Connection refused"),
                    .init(endpoint: try Endpoint(parsing: Self.n2), reason: "connect timed out"),
                ]))
        #expect(
            error?.description
                == "cannot reach any endpoint: \(Self.n1) (Connection refused), \(Self.n2) (connect timed out)")
    }

    @Test("503 (certainly not done) moves on to the next endpoint; 503 everywhere is the last problem")
    func unavailableMovesOn() async throws {
        let unavailable = AdminResponse.problem(
            503, title: "Service Unavailable", code: "unavailable", detail: "no leader")
        let recovered = ScriptedTransport([
            Self.n1: .success(unavailable), Self.n2: .success(.json(200, #"{"leader":"n2"}"#)),
        ])
        #expect(try await Self.client(recovered).transferLeadership(to: "n2").value.leader == "n2")

        let everywhere = ScriptedTransport(answering: unavailable, at: [Self.n1, Self.n2])
        let error = await #expect(throws: AdminError.self) { try await Self.client(everywhere).promote("n4") }
        #expect(error == .refused(ServerProblem(unavailable)))
        #expect(everywhere.requests.count == 2)
    }

    @Test("a write that may have arrived is not repeated elsewhere; a read is")
    func lostAnswers() async throws {
        let lost = ScriptedTransport([
            Self.n1: .failure(.noAnswer(reason: "no answer in time")), Self.n2: .success(.json(200, Self.statusJSON)),
        ])
        let error = await #expect(throws: AdminError.self) { try await Self.client(lost).promote("n4") }
        #expect(error == .noAnswer(endpoint: try Endpoint(parsing: Self.n1), reason: "no answer in time"))
        #expect(lost.requests.map(\.endpoint) == [Self.n1])

        #expect(try await Self.client(lost).status().endpoint.baseURL == Self.n2)
    }

    @Test("membership changes send the API's bodies and paths, and decode the committed index")
    func membershipRequests() async throws {
        let answer = AdminResponse.json(201, #"{"id":"n4","index":57,"role":"learner"}"#)
        let transport = ScriptedTransport(answering: answer, at: [Self.n1])
        let client = try Self.client(transport)
        let added = try await client.addMember(
            id: "n4", raftAddress: "127.0.0.1:9084", httpAddress: "127.0.0.1:8084", learner: true)
        #expect(added.value == MemberChange(id: "n4", index: 57))
        _ = try await client.promote("n4")
        _ = try await client.removeMember("n4")
        let requests = transport.requests.map(\.request)
        #expect(requests.map(\.method) == [.post, .post, .delete])
        #expect(
            requests.map(\.path) == ["/v1/cluster/members", "/v1/cluster/members/n4/promote", "/v1/cluster/members/n4"])
        let body = try JSONSerialization.jsonObject(with: Data(try #require(requests[0].body))) as? [String: String]
        #expect(body == ["id": "n4", "raftAddr": "127.0.0.1:9084", "httpAddr": "127.0.0.1:8084", "role": "learner"])
        #expect(requests[1].body == nil && requests[2].body == nil)
    }

    @Test("a transfer names its target, or sends an empty object to let the leader choose")
    func transferBodies() async throws {
        let transport = ScriptedTransport(answering: .json(200, #"{"leader":"n2"}"#), at: [Self.n1])
        let client = try Self.client(transport)
        _ = try await client.transferLeadership(to: "n2")
        _ = try await client.transferLeadership(to: nil)
        let bodies = transport.requests.map { String(decoding: $0.request.body ?? [], as: UTF8.self) }
        #expect(bodies == [#"{"to":"n2"}"#, "{}"])
    }

    @Test("tenants: list, one, and a put that tells created from updated and leaves out unset settings")
    func tenants() async throws {
        let list = try await Self.client(
            ScriptedTransport(answering: .json(200, #"{"tenants":[\#(Self.tenantJSON)]}"#), at: [Self.n1])
        ).listTenants()
        let acme = Tenant(
            name: "acme", edition: "pro", homeRegion: "eu", residency: .replicated,
            createdAt: "2026-01-02T03:04:05.678Z")
        #expect(list.value == [acme])

        let one = try await Self.client(ScriptedTransport(answering: .json(200, Self.tenantJSON), at: [Self.n1]))
            .tenant("acme")
        #expect(one.value == acme)

        let stored = Self.tenantJSON.dropLast() + #","index":12}"#
        for (status, created) in [(201, true), (200, false)] {
            let transport = ScriptedTransport(answering: .json(status, String(stored)), at: [Self.n1])
            let change = try await Self.client(transport).putTenant(
                "acme", edition: "pro", homeRegion: nil, residency: .replicated)
            #expect(change.value == TenantChange(tenant: acme, created: created, index: 12))
            let request = try #require(transport.requests.first).request
            #expect(request.method == .put && request.path == "/v1/tenants/acme")
            let body = try JSONSerialization.jsonObject(with: Data(try #require(request.body))) as? [String: String]
            #expect(body == ["edition": "pro", "residency": "replicated"])
        }
    }

    @Test("a name is one path segment whatever it contains")
    func namesAreEscaped() async throws {
        let transport = ScriptedTransport(answering: .json(404, "{}"), at: [Self.n1])
        _ = try? await Self.client(transport).tenant("a/../b?c")
        #expect(transport.requests.first?.request.path == "/v1/tenants/a%2F..%2Fb%3Fc")
    }
}
