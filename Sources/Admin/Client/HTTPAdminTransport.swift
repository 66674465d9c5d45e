import AsyncHTTPClient
import NIOCore

/// The admin API over HTTP/1.1 with AsyncHTTPClient (already what the node forwards with, so no
/// further HTTP stack is built into `ecsctl`).
///
/// A connection that cannot be made fails fast (`connectTimeout`, no retries) so that the next
/// endpoint is tried promptly; an answer may take up to `requestTimeout`, because membership
/// changes and leadership transfers wait for the cluster to commit them.
public struct HTTPAdminTransport: AdminTransport {
    private let client: HTTPClient
    private let requestTimeout: TimeAmount

    /// The largest answer read; the admin API's answers are a few kilobytes.
    static let maximumResponseBytes = 16 << 20

    /// Runs `body` with a transport and shuts its connections down however `body` ends.
    public static func withTransport<T>(
        connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(30),
        _ body: (HTTPAdminTransport) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: timeAmount(connectTimeout)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let transport = HTTPAdminTransport(client: client, requestTimeout: timeAmount(requestTimeout))
        do {
            let result = try await body(transport)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func send(_ request: AdminRequest, to endpoint: Endpoint) async throws(TransportFailure) -> AdminResponse {
        var outbound = HTTPClientRequest(url: endpoint.baseURL + request.path)
        outbound.method = .init(rawValue: request.method.rawValue)
        outbound.headers.add(name: "Authorization", value: "Bearer \(request.bearerToken)")
        outbound.headers.add(name: "Accept", value: "application/json")
        if let body = request.body {
            outbound.headers.add(name: "Content-Type", value: "application/json")
            outbound.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let answer = try await client.execute(outbound, timeout: requestTimeout)
            let body = try await answer.body.collect(upTo: Self.maximumResponseBytes)
            return AdminResponse(
                status: Int(answer.status.code), contentType: answer.headers.first(name: "Content-Type"),
                body: Array(body.readableBytesView))
        } catch {
            let reason = ConnectionFailure.reason(error)
            throw ConnectionFailure.neverConnected(error) ? .notConnected(reason: reason) : .noAnswer(reason: reason)
        }
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
