import Admin
import AsyncHTTPClient
import Foundation
import NIOCore

/// Reads another region's federation routes (`/v1/federation/...`) over HTTP, as a platform
/// admin: the node mints itself a short-lived token (`region:<this region>/<node>`) from the auth
/// secret, which every region of one deployment shares.
///
/// Any node of the remote region answers (they hold the same state), so the client tries the
/// region's seed endpoints in order and keeps using the last one that answered.
final class RegionClient: Sendable {
    /// Why a request to the region got no usable answer.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// No seed could be reached (or none answered in time).
        case unreachable(String)
        /// A seed answered with this status and problem code (`federation-resync`, 401…).
        case refused(status: Int, code: String, detail: String)

        var description: String {
            switch self {
            case .unreachable(let reason): reason
            case .refused(let status, let code, let detail): "\(status) \(code): \(detail)"
            }
        }
    }

    let region: String
    let seeds: [String]
    private let client: HTTPClient
    private let minter: TokenMinter
    private let subject: String
    private let now: @Sendable () -> Date
    /// Which seed answered last, tried first.
    private let rotation = SeedRotation()

    init(
        region: String, seeds: [String], client: HTTPClient, minter: TokenMinter, subject: String,
        now: @escaping @Sendable () -> Date
    ) {
        self.region = region
        self.seeds = seeds
        self.client = client
        self.minter = minter
        self.subject = subject
        self.now = now
    }

    /// `GET pathAndQuery` from the first seed that answers, starting with the last one that did.
    func get(_ pathAndQuery: String, timeout: Duration) async throws(Failure) -> JSONValue {
        let token: String
        do {
            token = try await minter.mint(
                subject: subject, tenant: TokenClaims.everyTenant, permissions: [.admin],
                expiry: now().addingTimeInterval(300))
        } catch {
            throw .unreachable("cannot mint a token: \(error)")
        }
        var reasons: [String] = []
        for seed in rotation.order(seeds, of: region) {
            var request = HTTPClientRequest(url: seed + pathAndQuery)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            do {
                let answer = try await client.execute(
                    request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
                let body = try await answer.body.collect(upTo: 64 << 20)
                rotation.answered(seed, of: region)
                let json = try JSONValue.parse(Array(buffer: body))
                guard answer.status.code == 200 else {
                    let problem = try? JSONFields(json)
                    throw Failure.refused(
                        status: Int(answer.status.code), code: (try? problem?.string("code")) ?? "unknown",
                        detail: (try? problem?.string("detail")) ?? "")
                }
                return json
            } catch let failure as Failure {
                throw failure
            } catch {
                reasons.append("\(seed): \(error)")
            }
        }
        throw .unreachable("no endpoint of region \(region) answered (\(reasons.joined(separator: "; ")))")
    }
}
