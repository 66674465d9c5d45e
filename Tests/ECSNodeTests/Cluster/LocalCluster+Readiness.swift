/// Waiting for the cluster through what it reports: `/readyz` and `/v1/cluster/status`.
extension LocalCluster {
    /// Waits until every node in `ids` (all by default) answers `/readyz` with 200.
    func awaitReady(_ ids: [String]? = nil, timeout: Duration = .seconds(30)) async throws {
        for id in ids ?? nodes.map(\.id) {
            let spec = node(id)
            _ = try await poll("\(id) to be ready\n\(logTails())", timeout: timeout) { () async throws -> Bool? in
                if let ended = process(id)?.ended {
                    throw NodeExited(id: id, termination: ended, logs: logTails())
                }
                return await http.isReady(spec.baseURL) ? true : nil
            }
        }
    }

    /// Waits until one node calls itself leader and every other running node that answers
    /// names it as its leader, then returns it.
    func awaitLeader(timeout: Duration = .seconds(30)) async throws -> NodeSpec {
        try await poll("a leader all running nodes agree on\n\(logTails())", timeout: timeout) {
            let statuses = await runningStatuses()
            guard let leader = statuses.first(where: { $0.role == "leader" }),
                statuses.allSatisfy({ $0.leader == leader.node })
            else { return nil }
            return node(leader.node)
        }
    }

    /// The node that currently calls itself leader in the highest term, if any answers.
    func currentLeader() async -> NodeSpec? {
        let leaders = await runningStatuses().filter { $0.role == "leader" }
        return leaders.max(by: { $0.term < $1.term }).map { node($0.node) }
    }

    /// The status of each running node that answers.
    func runningStatuses() async -> [ClusterStatus] {
        var statuses: [ClusterStatus] = []
        for spec in nodes where isRunning(spec.id) {
            if let status = try? await http.status(spec.baseURL) { statuses.append(status) }
        }
        return statuses
    }

    /// The other initial voters of `leader`'s region, in id order.
    func followers(of leader: NodeSpec) -> [NodeSpec] {
        voters.filter { $0.id != leader.id }
    }

    /// Creates `tenants` (edition `pro`) through the first voter, retrying while the cluster
    /// settles (a 503 before the leader is known everywhere).
    func createTenants(_ tenants: [String]) async throws {
        let base = node(voters[0].id).baseURL
        for tenant in tenants {
            _ = try await poll("tenant \(tenant) to be created\n\(logTails())", timeout: .seconds(30)) {
                () async throws -> Bool? in
                (try? await http.putTenant(base, tenant: tenant))?.isSuccess == true ? true : nil
            }
        }
    }
}

/// A node died while the test waited for it.
struct NodeExited: Error, CustomStringConvertible {
    let id: String
    let termination: Termination
    let logs: String
    var description: String { "\(id) ended with \(termination)\n\(logs)" }

}
