import Admin
import Hummingbird
import NIOCore

/// Relays a request to a node of another region, trying the region's seed endpoints in turn.
///
/// The request is authenticated before it gets here and travels with its token, so the other
/// region authorizes it as if the client had called it directly. Its trail
/// (`X-ECS-Forwarded-Region`) gets this region appended, which is what stops the regions from
/// passing it around in circles (`RegionRoute`).
///
/// A seed that cannot be reached is skipped for the next one, which is safe for a read, and for
/// a write only when it certainly did not arrive (`ConnectionFailure.neverConnected`); a write
/// whose fate is unknown is 504, never sent twice. No seed reachable: 503 naming the region.
struct RegionForwarder: Sendable {
    let relay: RequestRelay
    let regions: RegionMap
    let rotation: SeedRotation

    /// The regions `request` has passed through, oldest first.
    static func trail(of request: Request) -> [String] {
        guard let header = request.headers[.ecsForwardedRegion] else { return [] }
        return header.split(separator: ",").map { String($0.trimmingOptionalWhitespace) }.filter { !$0.isEmpty }
    }

    /// The endpoint a client is sent to for `region`: the seed that answered last, else the first.
    func endpoint(of region: String) -> String {
        rotation.order(regions.seeds[region] ?? [], of: region).first ?? ""
    }

    /// Relays `request` (with its collected `body`) to `region` and returns the answer of the
    /// first seed that gives one, unchanged but for `X-ECS-Relayed-From`.
    func forward(_ request: Request, body: ByteBuffer?, to region: String) async throws(Problem) -> Response {
        let trail = Self.trail(of: request) + [regions.local]
        let hop: HTTPFields = [.ecsForwardedRegion: trail.joined(separator: ",")]
        var failures: [String] = []
        for seed in rotation.order(regions.seeds[region] ?? [], of: region) {
            do {
                let response = try await relay.relay(request, body: body, to: seed, hop: hop)
                rotation.answered(seed, of: region)
                return response
            } catch {
                failures.append("\(seed): \(ConnectionFailure.reason(error))")
                guard request.method.isRead || ConnectionFailure.neverConnected(error) else {
                    throw .outcomeUnknown(
                        "the request was forwarded to region \(region) at \(seed), which did not answer "
                            + "(\(ConnectionFailure.reason(error))); whether it was applied is unknown")
                }
            }
        }
        throw .unavailable(
            "region \(region) serves this request but none of its endpoints could be reached ("
                + failures.joined(separator: "; ") + "); retry")
    }
}
