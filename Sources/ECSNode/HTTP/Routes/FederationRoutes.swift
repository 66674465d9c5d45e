import Hummingbird

/// What a region serves the others for federation (platform admin; any node answers from its
/// own copy of the region's state):
/// - `GET /v1/federation/outbox?after=INDEX&limit=N` → `{"region", "floor", "through",
///   "entries": [{"index", "command"}]}`: the shared commands (`FederationOutbox`) applied at
///   indexes in `(after, through]`, oldest first. A remote region replays them in order and
///   continues from `through`; it may skip to `through` when `entries` is empty, since no
///   shared command was applied in between. `after` below `floor` is 409 `federation-resync`:
///   commands the remote has not seen were pruned, and it must start from a copy instead.
extension APIServices {
    func federationOutbox(_ request: Request) async throws -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        var query = QueryReader(request)
        let after = query.version("after", required: false) ?? 0
        let limit = query.count("limit", in: 1...1000, default: 100)
        guard query.violations.isEmpty else { throw query.refusal }
        let body = try consensus.stateStore.read { transaction, environment throws -> JSONValue in
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
            return .object([
                "region": .string(dependencies.region), "floor": .count(floor), "through": .count(through),
                "entries": .array(
                    try entries.map { entry in
                        .object(["index": .count(entry.index), "command": try JSONValue.parse(entry.bytes)])
                    }),
            ])
        }
        return JSONBody.response(status: .ok, body: body, headers: nodeHeaders)
    }
}
