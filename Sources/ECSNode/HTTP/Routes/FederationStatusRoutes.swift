import Hummingbird

/// `GET /v1/federation/status` (platform admin): how far this region's copies of the other
/// regions' shared namespaces are behind — the drift. One entry per remote region:
/// `{"region", "reachable", "appliedIndex", "lagVersions", "lagSeconds", "tenants": [{"tenant",
/// "homeVersion", "localVersion"}], "platform"?: {"homeVersion", "localVersion"}}`.
///
/// A version here counts a namespace's shared changes (`FederationProgress`): the home's count
/// is asked from the remote region (`/v1/federation/versions`), the local count is this
/// region's. `lagVersions` sums what is missing; `lagSeconds` is the age of the oldest change not
/// yet replayed (0 when caught up). A remote that does not answer is listed with `reachable:
/// false`, its error, and what this region last replayed from it.
extension APIServices {
    func federationStatus(_ request: Request) async throws -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        var remotes: [JSONValue] = []
        for remote in dependencies.remoteRegions {
            remotes.append(try await drift(of: remote))
        }
        let body = JSONValue.object(["region": .string(dependencies.region), "remotes": .array(remotes)])
        return JSONBody.response(status: .ok, body: body, headers: nodeHeaders)
    }

    private func drift(of remote: RegionClient) async throws -> JSONValue {
        let (position, local) = try readState { tables, transaction in
            let progress = FederationProgress(tables: tables)
            return (
                try progress.position(of: remote.region, in: transaction),
                try progress.versions(in: transaction).reduce(into: [Namespace: UInt64]()) {
                    $0[$1.namespace] = $1.version
                }
            )
        }
        var entry: [String: JSONValue] = [
            "region": .string(remote.region), "appliedIndex": .count(position.index),
            "lastChangeAt": .integer(position.at),
        ]
        let home: [FederationVersion]
        do {
            home = try JSONFields(try await remote.get("/v1/federation/versions", timeout: .seconds(2)))
                .records("namespaces")
        } catch {
            entry["reachable"] = .bool(false)
            entry["error"] = .string("\(error)")
            return .object(entry)
        }
        var lag: UInt64 = 0
        var tenants: [JSONValue] = []
        for counted in home {
            let localVersion = local[counted.namespace] ?? 0
            lag += counted.version > localVersion ? counted.version - localVersion : 0
            let versions: [String: JSONValue] = [
                "homeVersion": .count(counted.version), "localVersion": .count(localVersion),
            ]
            switch counted.namespace {
            case .platform: entry["platform"] = .object(versions)
            case .tenant(let name): tenants.append(.object(versions.merging(["tenant": .string(name)]) { a, _ in a }))
            }
        }
        entry["reachable"] = .bool(true)
        entry["lagVersions"] = .count(lag)
        entry["lagSeconds"] = .double(lag == 0 ? 0 : try await ageOfOldestMissing(from: remote, after: position.index))
        entry["tenants"] = .array(tenants)
        return .object(entry)
    }

    /// Seconds since the first command after `after` in `remote`'s outbox was proposed.
    private func ageOfOldestMissing(from remote: RegionClient, after: UInt64) async throws -> Double {
        guard
            let page = try? await remote.get("/v1/federation/outbox?after=\(after)&limit=1", timeout: .seconds(2)),
            let first = try? JSONFields(page).records("entries", as: OutboxEntry.self).first
        else { return 0 }
        let now = RequestParsing.milliseconds(dependencies.now())
        return Double(max(0, now - first.command.issuedAt)) / 1000
    }
}
