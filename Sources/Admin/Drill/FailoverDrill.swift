import Foundation

/// `ecsctl failover-drill`: takes the region's leader down, measures how long the region needs
/// to elect another one and to acknowledge a write again, then brings the old leader back and
/// waits until it follows, caught up.
///
/// "Down" goes through the API (`POST /v1/cluster/isolate`), so the drill runs from any machine:
/// the leader drops all peer traffic and refuses clients, which to the rest of the region looks
/// like a crashed or partitioned node. Timings start when the leader confirmed its isolation:
/// - new leader: until another voter reports a different leader in a higher term;
/// - first write: until a surviving node acknowledged one item (`ecs-drill`/`drill`/`heartbeat`,
///   the time as value) in the drill's own tenant, created beforehand if missing;
/// - total: until the old leader, its isolation ended, follows the new leader and has applied
///   that write.
///
/// Whatever happens after the isolation began, the drill ends it before returning; should the
/// drill itself die, the node rejoins by itself when `isolationSeconds` are up.
public struct FailoverDrill: Sendable {
    /// The tenant the drill writes to (edition `free`: one write per drill).
    public static let tenant = "ecs-drill"
    public static let set = "drill"
    public static let key = "heartbeat"
    /// A write refused with these was certainly not applied (503) or may be repeated (504: the
    /// drill's item may be written twice).
    static let retriedStatuses: Set<Int> = [503, 504]

    let client: AdminClient
    /// How long the old leader is cut off at most (1–300 s); the new leader and the first write
    /// must come within it.
    public var isolationSeconds: Int
    /// How long the old leader may take to follow and catch up once back.
    public var rejoinTimeout: Duration
    /// How often the members are asked while waiting.
    public var pollInterval: Duration = .milliseconds(50)

    public init(client: AdminClient, isolationSeconds: Int = 30, rejoinTimeout: Duration = .seconds(30)) {
        self.client = client
        self.isolationSeconds = isolationSeconds
        self.rejoinTimeout = rejoinTimeout
    }

    public func run() async throws(DrillError) -> DrillReport {
        let start = try await admin { () async throws(AdminError) in try await client.leaderStatus() }.value
        guard let oldLeader = start.leader else { throw .noLeader(node: start.node) }
        let voters = start.members.filter { $0.role == .voter }
        guard voters.count >= 3 else { throw .tooFewVoters(voters.count) }
        let address = start.members.first { $0.id == oldLeader }?.httpAddress ?? ""
        guard let leaderEndpoint = try? Endpoint(parsing: address), !address.isEmpty else {
            throw .leaderAddressUnknown(leader: oldLeader, address: address)
        }
        let survivors = voters.filter { $0.id != oldLeader }.compactMap { try? Endpoint(parsing: $0.httpAddress) }
        try await ensureDrillTenant()

        let leaderNode = client.at(leaderEndpoint)
        _ = try await admin { () async throws(AdminError) in try await leaderNode.isolate(seconds: isolationSeconds) }
        let isolatedAt = ContinuousClock.now
        do {
            let deadline = isolatedAt + .seconds(isolationSeconds)
            let (newLeader, newTerm) = try await awaitNewLeader(
                replacing: oldLeader, after: start.term, asking: survivors, until: deadline)
            let leaderAt = ContinuousClock.now
            let write = try await writeHeartbeat(through: survivors, until: deadline)
            let writtenAt = ContinuousClock.now
            _ = try await admin { () async throws(AdminError) in try await leaderNode.isolate(seconds: 0) }
            try await awaitRejoin(of: leaderNode, applying: write.index, until: ContinuousClock.now + rejoinTimeout)
            let backAt = ContinuousClock.now
            return DrillReport(
                oldLeader: oldLeader, oldTerm: start.term, newLeader: newLeader, newTerm: newTerm,
                newLeaderSeconds: (leaderAt - isolatedAt).secondsFraction,
                firstWriteSeconds: (writtenAt - isolatedAt).secondsFraction,
                totalSeconds: (backAt - isolatedAt).secondsFraction, writeIndex: write.index)
        } catch {
            // Never leave the old leader cut off longer than the drill needed it.
            _ = try? await leaderNode.isolate(seconds: 0)
            throw error
        }
    }

    /// Creates the drill's tenant unless it exists, before anything is timed.
    private func ensureDrillTenant() async throws(DrillError) {
        do throws(AdminError) {
            _ = try await client.tenant(Self.tenant)
        } catch {
            guard case .refused(let problem) = error, problem.status == 404 else { throw .admin(error) }
            _ = try await admin { () async throws(AdminError) in
                try await client.putTenant(Self.tenant, edition: "free", homeRegion: nil, residency: nil)
            }
        }
    }

    /// Asks each survivor in turn until one names a leader other than `oldLeader` in a term
    /// after `oldTerm`; a survivor that does not answer is asked again on the next round.
    private func awaitNewLeader(
        replacing oldLeader: String, after oldTerm: UInt64, asking survivors: [Endpoint],
        until deadline: ContinuousClock.Instant
    ) async throws(DrillError) -> (leader: String, term: UInt64) {
        try await poll("a new leader", until: deadline) { () async -> (String, UInt64)? in
            for survivor in survivors {
                guard let status = try? await client.at(survivor).status().value else { continue }
                if let leader = status.leader, leader != oldLeader, status.term > oldTerm {
                    return (leader, status.term)
                }
            }
            return nil
        }
    }

    /// Writes the heartbeat through the survivors until one acknowledges it. Until the new
    /// leader is known everywhere a write may be refused (503) or get no answer; the drill's own
    /// item may safely be written twice, so every such failure is retried.
    private func writeHeartbeat(
        through survivors: [Endpoint], until deadline: ContinuousClock.Instant
    ) async throws(DrillError) -> ItemWrite {
        let region = AdminClient(endpoints: survivors, token: client.token, transport: client.transport)
        return try await poll("the first acknowledged write", until: deadline) {
            () async throws(DrillError) -> ItemWrite? in
            let value = ISO8601DateFormatter().string(from: Date())
            do throws(AdminError) {
                return try await region.putItem(tenant: Self.tenant, set: Self.set, key: Self.key, value: value).value
            } catch {
                switch error {
                case .refused(let problem) where Self.retriedStatuses.contains(problem.status): return nil
                case .unreachable, .noAnswer: return nil
                case .refused, .unexpectedAnswer: throw .admin(error)
                }
            }
        }
    }

    /// Waits until the old leader follows another node and has applied `index`.
    private func awaitRejoin(
        of oldLeader: AdminClient, applying index: UInt64, until deadline: ContinuousClock.Instant
    ) async throws(DrillError) {
        _ = try await poll("the old leader to follow the new one, caught up", until: deadline) { () async -> Bool? in
            guard let status = try? await oldLeader.status().value else { return nil }
            let following = status.role == .follower && status.leader != nil && status.leader != status.node
            return following && status.appliedIndex >= index ? true : nil
        }
    }

    /// Calls `probe` every `pollInterval` until it returns a value; `.timedOut` naming `phase`
    /// after `deadline`.
    private func poll<T>(
        _ phase: String, until deadline: ContinuousClock.Instant, _ probe: () async throws(DrillError) -> T?
    ) async throws(DrillError) -> T {
        let started = ContinuousClock.now
        while true {
            if let value = try await probe() { return value }
            guard ContinuousClock.now < deadline else {
                throw .timedOut(phase: phase, after: ContinuousClock.now - started)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// `call`'s result, its failure as a drill error.
    private func admin<T>(_ call: () async throws(AdminError) -> T) async throws(DrillError) -> T {
        do {
            return try await call()
        } catch {
            throw .admin(error)
        }
    }
}

extension Duration {
    /// Seconds as a fraction, for reports.
    var secondsFraction: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
