import Foundation

/// One client of the membership run: writes its own keys (`c<id>-<k>`, no other client writes
/// them) with ever larger values through its home node, and after each acknowledged write reads
/// the tenant back linearizably through the same node, which must show the last value this client
/// had acknowledged for every key. When its node leaves the region it moves to another member
/// (`LoadRoster`). The keys repeat (`keys` of them) so that the set, and with it every read and
/// snapshot, stays small however long the run.
///
/// Retries only what the API allows a client to retry blindly: a 503 (certainly not applied),
/// waiting as its `Retry-After` says (at most `longestWait`), and a connection error from a
/// node that has left. Everything else, a 504 included, is a failure, recorded in the tally's
/// `unexpected`.
struct MembershipLoadClient: Sendable {
    let id: Int
    let home: NodeSpec
    let cluster: LocalCluster
    let roster: LoadRoster
    let tally: ChaosTally
    var tenant = "load"
    var set = "members"
    var keys = 20
    /// The longest wait a `Retry-After` gets, and how long one request may keep being retried.
    var longestWait: Duration = .seconds(2)
    var retryBudget: Duration = .seconds(30)

    /// Runs until the roster stops the load (or the task is cancelled, or a request failed);
    /// returns the last acknowledged value of each key it wrote.
    func run() async -> [String: Int] {
        var acknowledged: [String: Int] = [:]
        var sequence = 0
        while roster.isLoading, !Task.isCancelled {
            sequence += 1
            let key = "c\(id)-\(sequence % keys)"
            tally.update { $0.writes += 1 }
            guard
                let written = await send(
                    "PUT \(key)",
                    { node in
                        try await cluster.http.putItem(
                            node.baseURL, tenant: tenant, set: set, key: key, value: sequence)
                    }), expect(written, [200, 201], "PUT \(key)")
            else { return acknowledged }
            acknowledged[key] = sequence
            tally.update { $0.acknowledged += 1 }

            tally.update { $0.reads += 1 }
            guard
                let read = await send(
                    "GET config",
                    { node in
                        try await cluster.http.readConfig(node.baseURL, tenant: tenant)
                    }), expect(read, [200], "GET config"),
                let config = try? read.decode(ConfigDocument.self)
            else { return acknowledged }
            tally.update { $0.readsAnswered += 1 }
            let missing = acknowledged.filter { config.value(set, $0.key) != $0.value }
            guard missing.isEmpty else {
                fail("a linearizable read after \(key) = \(sequence) misses acknowledged values: \(missing)")
                return acknowledged
            }
        }
        return acknowledged
    }

    /// Sends `request` to this client's current node until it gets an answer that is not a 503,
    /// retrying as the type's comment says; nil after a failure.
    private func send(_ what: String, _ request: (NodeSpec) async throws -> HTTPReply) async -> HTTPReply? {
        let deadline = ContinuousClock.now + retryBudget
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let node = roster.node(for: id, home: home)
            let reply: HTTPReply
            do {
                reply = try await request(node)
            } catch {
                guard roster.hasLeft(node.id) else {
                    fail("\(what) via \(node.id), a member: no answer: \(error)")
                    return nil
                }
                tally.update { $0.unknown += 1 }
                continue
            }
            guard reply.status == 503 else { return reply }
            tally.update { $0.refused += 1 }
            let asked = reply.header("Retry-After").flatMap { Int($0) }.map { Duration.seconds($0) } ?? .seconds(1)
            try? await Task.sleep(for: min(asked, longestWait))
        }
        fail("\(what): still refused after \(retryBudget)")
        return nil
    }

    /// Whether `reply` has one of `statuses`; records a failure when not.
    private func expect(_ reply: HTTPReply, _ statuses: Set<Int>, _ what: String) -> Bool {
        guard statuses.contains(reply.status) else {
            fail("\(what): \(reply)")
            return false
        }
        return true
    }

    private func fail(_ failure: String) {
        tally.update { $0.unexpected.append("client \(id) (home \(home.id)): \(failure)") }
        tally.note("client \(id) failed: \(failure)")
    }
}
