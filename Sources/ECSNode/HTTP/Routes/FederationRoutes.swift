import Hummingbird

/// What a region serves the others for federation (platform admin; any node answers from its
/// own copy of the region's state):
/// - `GET /v1/federation/outbox?after=INDEX&limit=N&waitMs=MS` → `{"region", "floor", "through",
///   "entries": [{"index", "command"}]}`: the shared commands (`FederationOutbox`) applied at
///   indexes in `(after, through]`, oldest first. A remote region replays them in order and
///   continues from `through`; it may skip to `through` when `entries` is empty, since no
///   shared command was applied in between. With `waitMs`, a request that finds nothing waits
///   up to that long for the next applied entry (a long poll: changes reach other regions as
///   they commit, without polling in a loop). `after` below `floor` is 409 `federation-resync`:
///   commands the remote has not seen were pruned, and it must start from a copy instead.
/// - `GET /v1/federation/versions` → `{"region", "namespaces": [{"namespace", "version", "index",
///   "at"}]}`: the change counts of the namespaces this region is home of (its tenants, and the
///   platform's when it is the platform region) — what other regions measure their drift against;
///   read linearizably, like a config read.
extension APIServices {
    func federationOutbox(_ request: Request) async throws -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        var query = QueryReader(request)
        let after = query.version("after", required: false) ?? 0
        let limit = query.count("limit", in: 1...1000, default: 100)
        let wait = query.count("waitMs", in: 0...30_000, default: 0)
        guard query.violations.isEmpty else { throw query.refusal }
        let deadline = ContinuousClock.now + .milliseconds(wait)
        while true {
            let page = try outboxPage(after: after, limit: limit)
            guard page.entries.isEmpty, ContinuousClock.now < deadline else {
                return JSONBody.response(status: .ok, body: page.json, headers: nodeHeaders)
            }
            do {
                _ = try await consensus.waitUntilApplied(page.applied + 1, timeout: deadline - ContinuousClock.now)
            } catch {
                return JSONBody.response(status: .ok, body: page.json, headers: nodeHeaders)
            }
        }
    }

    /// One answer of the outbox route, and the applied index it was read at.
    private struct OutboxPage {
        var json: JSONValue
        var entries: [(index: UInt64, bytes: [UInt8])]
        var applied: UInt64
    }

    private func outboxPage(after: UInt64, limit: Int) throws -> OutboxPage {
        try consensus.stateStore.read { transaction, environment throws -> OutboxPage in
            let outbox = FederationOutbox(tables: try ConfigTables(in: environment))
            let floor = try outbox.floor(in: transaction)
            guard after >= floor else {
                throw Problem(
                    status: .conflict, code: "federation-resync",
                    detail: "commands after index \(after) were pruned (the outbox keeps those after \(floor)); "
                        + "start from a copy of the namespaces")
            }
            let applied = try AppliedState.load(from: transaction, in: environment).index
            let entries = try outbox.commands(after: after, upTo: applied, limit: limit, in: transaction)
            let through = entries.count == limit ? entries[entries.count - 1].index : max(applied, after)
            let json = JSONValue.object([
                "region": .string(dependencies.region), "floor": .count(floor), "through": .count(through),
                "entries": .array(
                    try entries.map { entry in
                        .object(["index": .count(entry.index), "command": try JSONValue.parse(entry.bytes)])
                    }),
            ])
            return OutboxPage(json: json, entries: entries, applied: applied)
        }
    }

    func federationVersions(_ request: Request) async throws -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        // Drift compares these counts with a copy's: a node answering from state behind its
        // region's (one just restarted, say) would make a lagging copy look caught up.
        if case .forwarded(let response) = try await readBarrier(request) { return response }
        let region = dependencies.regions
        let namespaces = try readState { tables, transaction in
            let directory = TenantDirectory(tables: tables)
            return try FederationProgress(tables: tables).versions(in: transaction).filter { counted in
                switch counted.namespace {
                case .platform: return region.ownsPlatform
                case .tenant(let name): return try directory.tenant(name, in: transaction)?.homeRegion == region.local
                }
            }
        }
        let body = JSONValue.object([
            "region": .string(region.local), "namespaces": .array(namespaces.map(\.json)),
        ])
        return JSONBody.response(status: .ok, body: body, headers: nodeHeaders)
    }
}
