import Admin
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The tests' HTTP client for the nodes: one connection pool, an admin token on every request,
/// and short timeouts, because a node the tests stopped or paused must turn into a quick error
/// rather than a hung test. Any thrown error means the request's fate is unknown.
final class ClusterHTTP: Sendable {
    private let client: HTTPClient
    /// The platform admin token sent with `.admin` (also what the tests' `AdminClient`s send).
    let token: String
    /// The longest a request may take, from sending to the end of its body.
    let timeout: Duration

    /// With `caFile`, https nodes must present a certificate from that CA.
    init(token: String, timeout: Duration = .seconds(5), caFile: String? = nil) throws {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(1), read: Self.timeAmount(timeout)),
            connectionPool: .init(idleTimeout: .seconds(30)))
        configuration.httpVersion = .http1Only
        configuration.tlsConfiguration = try caFile.map { try CertificateAuthority(pemFile: $0).clientConfiguration }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.token = token
        self.timeout = timeout
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Whose token a request carries.
    enum Credentials: Sendable {
        /// The cluster's platform admin token.
        case admin
        /// This bearer token.
        case bearer(String)
        /// No `Authorization` header.
        case none
    }

    /// Sends one request to `url`, with `headers` besides the token and content type, and reads
    /// the whole answer.
    func send(
        _ method: HTTPMethod, _ url: String, json body: Data? = nil, headers: HTTPHeaders = [:],
        timeout: Duration? = nil, as credentials: Credentials = .admin
    )
        async throws -> HTTPReply
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        switch credentials {
        case .admin: request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .bearer(let token): request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .none: break
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: Self.timeAmount(timeout ?? self.timeout))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return HTTPReply(
            status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
