import Admin
import HTTPTypes

/// Which region must answer a request, decided from its method and path, the regions the node
/// knows and its own copy of the tenant directory: the rule behind "a write sent to any node of
/// any region lands in the tenant's home region".
///
/// - `PUT /v1/tenants/{t}` and every write under `/v1/platform/` belong to the platform region,
///   which owns the directory and the platform namespace.
/// - Every other tenant route belongs to the tenant's home region, except reads of a
///   `replicated` tenant, which every region serves from its federated copy. A `strict` tenant's
///   reads go home too: its data is never stored elsewhere. Its watch is redirected rather than
///   relayed, since a relay answers once and a watch never ends.
/// - A tenant this region does not know goes to the platform region, which knows every tenant
///   (the directory change may not have been federated here yet).
/// - A path whose tenant is no valid name is answered here (400), so junk is not relayed.
/// - Everything else (cluster, federation, keys, health, the tenant list) is this node's own.
///
/// A region already in the request's `X-ECS-Forwarded-Region` trail is never chosen again: that
/// region sent the request here because its directory copy had not caught up, and sending it back
/// would circle; the client is told to retry instead.
enum RegionRoute: Equatable, Sendable {
    /// This node serves the request.
    case local
    /// The request is relayed to a node of the region.
    case forward(String)
    /// The client is sent to the region with `307`.
    case redirect(String)
    /// 503 with `Retry-After`: the request belongs to `region`, which cannot be asked now, for
    /// the reason given.
    case refuse(region: String, reason: String)

    /// The route of a `method` request for `path` at a node of `regions` that has seen the regions
    /// in `trail`, looking tenants up in the node's local directory copy with `tenant`.
    static func decide(
        method: HTTPRequest.Method, path: String, regions: RegionMap, trail: [String],
        tenant lookup: (String) throws -> TenantRecord?
    ) rethrows -> RegionRoute {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard segments.count >= 2, segments.first == "v1" else { return .local }
        let area = segments.dropFirst().first
        let platformWrite = { toward(regions.platform, regions: regions, trail: trail, refusal: platformLoop) }
        if area == "platform" { return method.isRead ? .local : platformWrite() }
        guard area == "tenants", segments.count >= 3 else { return .local }
        let name = String(segments[segments.startIndex + 2])
        guard Names.isValidName(name) else { return .local }
        if segments.count == 3 && method == .put { return platformWrite() }
        let isWatch = segments.count == 4 && segments.last == "watch" && method == .get
        guard let record = try lookup(name) else {
            guard !regions.ownsPlatform else { return .local }
            return toward(
                regions.platform, regions: regions, trail: trail, refusal: notYetKnown(name, in: regions.local),
                isWatch: isWatch)
        }
        guard record.homeRegion != regions.local, !(method.isRead && record.residency == .replicated) else {
            return .local
        }
        return toward(
            record.homeRegion, regions: regions, trail: trail, refusal: notYetKnown(name, in: record.homeRegion),
            isWatch: isWatch)
    }

    /// The route to `region`: local when it is this node's own; `refusal` when the request has
    /// been there already; a refusal too when this node has no endpoint for the region; a
    /// redirect for a watch; a relay otherwise.
    private static func toward(
        _ region: String, regions: RegionMap, trail: [String], refusal: @autoclosure () -> String,
        isWatch: Bool = false
    ) -> RegionRoute {
        guard region != regions.local else { return .local }
        guard !trail.contains(region) else { return .refuse(region: region, reason: refusal()) }
        guard regions.seeds[region] != nil else {
            return .refuse(
                region: region,
                reason: "this node has no endpoint for region \(region) (its --region-seeds name "
                    + "\(regions.remotes.joined(separator: ", "))); ask a node of that region")
        }
        return isWatch ? .redirect(region) : .forward(region)
    }

    /// Why a request about `tenant` cannot go on: `region` does not know the tenant yet, and the
    /// only region it could ask has sent the request here already.
    private static func notYetKnown(_ tenant: String, in region: String) -> String {
        "tenant \(tenant) is not yet known in region \(region) (its directory copy is catching up); retry"
    }

    /// Why a platform write that came back cannot go on: two regions each take the other for the
    /// platform region.
    private static var platformLoop: String {
        "the regions disagree about which one is the platform region (--platform-region): "
            + "this request came back to one it passed through"
    }
}
