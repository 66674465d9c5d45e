import Admin
import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends a follower's access report to the leader: `POST /v1/cluster/access-reports` with a
/// platform token the node mints for itself (`node:<id>`) from the region's auth secret, which
/// every node holds. The leader proposes it as this node's `audit.access` command.
struct AccessReportDelivery: Sendable {
    /// How a delivery ended.
    enum Result: Equatable, Sendable {
        case delivered(records: UInt64)
        /// Certainly not recorded: the leader could not be reached or answered 503.
        case notDelivered
        /// Perhaps recorded.
        case unknown(String)
    }

    let client: HTTPClient
    let minter: TokenMinter
    let nodeName: String
    /// `http` or `https` (`APIDependencies.memberScheme`).
    let scheme: String
    let now: @Sendable () -> Date
    let timeout: Duration

    /// The route the leader takes reports on.
    static let path = "/v1/cluster/access-reports"

    func deliver(_ report: AccessReport, to address: String) async -> Result {
        var request = HTTPClientRequest(url: "\(scheme)://\(address)\(Self.path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        do {
            let token = try await minter.mint(
                subject: "node:\(nodeName)", tenant: TokenClaims.everyTenant, permissions: [.admin],
                expiry: now().addingTimeInterval(60))
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        } catch {
            return .notDelivered
        }
        request.body = .bytes(ByteBuffer(bytes: report.jsonBytes))
        let answer: HTTPClientResponse
        let body: ByteBuffer
        do {
            answer = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
            body = try await answer.body.collect(upTo: 1 << 16)
        } catch {
            return ConnectionFailure.neverConnected(error) ? .notDelivered : .unknown("\(error)")
        }
        switch answer.status.code {
        case 200:
            guard let receipt = try? AccessReceipt(jsonBytes: Array(buffer: body)) else {
                return .unknown("the leader's answer is not a receipt")
            }
            return .delivered(records: receipt.records)
        case 503: return .notDelivered
        default: return .unknown("the leader answered \(answer.status.code)")
        }
    }
}
