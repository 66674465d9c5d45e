import Admin
import Foundation
import NIOHTTP1
import Synchronization

@testable import ECSNode

/// What the cases of the endpoint walk share: the running region, the node each request goes
/// to, fresh names, tokens of other actors, and the fixtures cases build on (a set with
/// versions, a draft, a schema or a policy), each made through the API itself.
final class EndpointWalk: Sendable {
    let cluster: LocalCluster
    /// The cluster's token secret, for tokens of other actors than the platform admin.
    let secret: String
    private let turns = Mutex(0)
    private let names = Mutex(0)

    init(cluster: LocalCluster) throws {
        self.cluster = cluster
        secret = try String(contentsOf: cluster.secretFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Where a request goes.
    enum Target: Sendable {
        /// The voters in turn, so that the walk reaches the leader and the followers alike
        /// (a follower forwards writes and linearizable reads to the leader).
        case anyVoter
        case leader
        /// A follower of the current leader: a write sent there must come back forwarded.
        case follower
        case node(NodeSpec)
    }

    func node(_ target: Target) async throws -> NodeSpec {
        switch target {
        case .anyVoter:
            let turn = turns.withLock { turn in
                defer { turn += 1 }
                return turn
            }
            return cluster.voters[cluster.voters.startIndex + turn % cluster.voters.count]
        case .leader: return try await leader()
        case .follower: return cluster.followers(of: try await leader())[0]
        case .node(let spec): return spec
        }
    }

    /// The voter that leads in the highest term. Not `LocalCluster.awaitLeader`, which wants
    /// every running node to agree: the spare runs beside the region before it joins and
    /// after it leaves, and then knows no leader or an old one.
    func leader() async throws -> NodeSpec {
        try await poll("a leader\n\(cluster.logTails())", timeout: .seconds(15)) {
            await cluster.currentLeader().flatMap { cluster.voters.contains($0) ? $0 : nil }
        }
    }

    /// Sends `method` to `path` (with its query) on `target`, with `body` as JSON text.
    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, headers: HTTPHeaders = [:],
        on target: Target = .anyVoter, as credentials: ClusterHTTP.Credentials = .admin
    ) async throws -> HTTPReply {
        let base = try await node(target).baseURL
        return try await cluster.http.send(
            method, base + path, json: body.map { Data($0.utf8) }, headers: headers, as: credentials)
    }

    /// The node started with `--join --learner` that the cluster cases add, promote and remove.
    var spare: NodeSpec { cluster.nodes[cluster.nodes.count - 1] }

    /// Starts the spare unless it runs, and returns its first answer to `GET /readyz`.
    func startSpare() async throws -> HTTPReply {
        if !cluster.isRunning(spare.id) { try cluster.start(spare.id) }
        return try await poll("\(spare.id) to answer HTTP\n\(cluster.logTails())", timeout: .seconds(15)) {
            try? await send(.GET, "/readyz", on: .node(spare), as: .none)
        }
    }

    /// A name no other case uses, e.g. `set-12`: each case works on sets of its own.
    func fresh(_ prefix: String = "set") -> String {
        let number = names.withLock { number in
            number += 1
            return number
        }
        return "\(prefix)-\(number)"
    }

    /// A bearer token of `subject` for `tenant` with every permission: another actor than the
    /// platform admin, e.g. the reviewer of a draft.
    func token(subject: String, tenant: String = "acme") async throws -> ClusterHTTP.Credentials {
        .bearer(
            try await AdminToken.mint(
                secret: secret, tenant: tenant, permissions: Permission.allCases, subject: subject))
    }

    /// Sends `request` until it answers other than `passing`, at most `attempts` times, and
    /// returns that answer: how the walk reaches a writes-per-second limit without waiting on
    /// a clock.
    func untilRefused(
        passing: Int, attempts: Int = 20, _ request: () async throws -> HTTPReply
    ) async throws -> HTTPReply {
        var reply = try await request()
        for _ in 1..<attempts where reply.status == passing { reply = try await request() }
        return reply
    }

    // MARK: Fixtures

    /// `PUT /v1/tenants/{tenant}` with `edition`.
    func createTenant(_ tenant: String, edition: String) async throws {
        let reply = try await send(.PUT, "/v1/tenants/\(tenant)", body: #"{"edition": "\#(edition)"}"#)
        guard reply.status == 201 else { throw UnexpectedReply(reply: reply, expected: [201]) }
    }

    /// Writes `value` (JSON text) to `key` of `set` at `scope`; the write's receipt.
    @discardableResult
    func put(
        _ set: String, _ key: String = "k", _ value: String = "1", tenant: String = "acme", scope: String = "tenant"
    ) async throws -> WriteReceipt {
        try await send(.PUT, "/v1/tenants/\(tenant)/sets/\(set)/items/\(key)?scope=\(scope)", body: value)
            .decode(WriteReceipt.self, expecting: [200, 201])
    }

    /// A fresh set of `acme` with `versions` versions: key `k` set to 1, 2, 3…; the receipts.
    func setWithVersions(_ versions: Int) async throws -> (set: String, receipts: [WriteReceipt]) {
        let set = fresh()
        var receipts: [WriteReceipt] = []
        for value in 1...versions { receipts.append(try await put(set, "k", "\(value)")) }
        return (set, receipts)
    }

    /// Creates a draft of `acme`'s `set` with `changes` (a JSON array), as the platform admin;
    /// its id.
    func draft(
        in set: String, changes: String = #"[{"op": "set", "scope": "tenant", "key": "k", "value": 1}]"#,
        tenant: String = "acme"
    ) async throws -> String {
        let reply = try await send(
            .POST, "/v1/tenants/\(tenant)/sets/\(set)/drafts",
            body: #"{"message": "walk", "changes": \#(changes)}"#)
        guard reply.status == 201, case .string(let id)? = reply["draftId"] else {
            throw UnexpectedReply(reply: reply, expected: [201])
        }
        return id
    }

    /// Turns `requireApproval` on for `acme`'s `set`.
    func requireApproval(_ set: String) async throws {
        let reply = try await send(
            .PUT, "/v1/tenants/acme/sets/\(set)/policy", body: #"{"requireApproval": true}"#)
        guard reply.status == 200 else { throw UnexpectedReply(reply: reply, expected: [200]) }
    }

    /// Stores `schema` (JSON text) for `set`: `acme`'s, or the platform's when `platform`.
    func putSchema(_ set: String, _ schema: String, platform: Bool = false) async throws {
        let path = platform ? "/v1/platform/sets/\(set)/schema" : "/v1/tenants/acme/sets/\(set)/schema"
        let reply = try await send(.PUT, path, body: schema)
        guard reply.status == 200 else { throw UnexpectedReply(reply: reply, expected: [200]) }
    }

    /// A JSON string of `count` characters: a body or value over a size limit.
    static func oversized(_ count: Int) -> String {
        "\"" + String(repeating: "x", count: count) + "\""
    }
}
