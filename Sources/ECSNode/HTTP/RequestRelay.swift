import Admin
import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Sends a request this node received on to another server and turns that server's answer into
/// this node's response: the one relay behind both hops a request can take, a follower to its
/// leader (`LeaderForwarder`) and a region to another region (`RegionForwarder`).
///
/// Only what carries meaning to the other server travels (method, path and query, body, the
/// headers in `forwardedHeaders`); the answer comes back unchanged but for the headers that
/// describe the other server's connection, plus `X-ECS-Relayed-From`. Neither the request's nor
/// the answer's body is ever logged: a strict tenant's values must not land in this node's logs.
/// Errors are thrown as the HTTP client raised them, for the caller to judge what they mean
/// (`ConnectionFailure`).
struct RequestRelay: Sendable {
    let client: HTTPClient
    let timeout: Duration
    /// The largest answer relayed.
    static let maximumResponseBytes = 16 << 20

    /// The request headers that carry meaning to the other server; the rest (connection
    /// management, the host) belong to this hop. The region hop header travels too, so that a
    /// request a region forwarded keeps its trail when a follower there forwards it to its leader.
    static let forwardedHeaders: [HTTPField.Name] = [
        .authorization, .contentType, .accept, .ifMatch, .ifNoneMatch, .idempotencyKey, .traceparent, .tracestate,
        .ecsForwardedRegion,
    ]

    /// Response headers that describe the other server's connection rather than its answer.
    static let hopByHopResponseHeaders: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer",
        "proxy-authenticate",
    ]

    /// A client suited to relaying: a refused or slow connection fails fast (1 s) rather than
    /// being retried until the request's deadline, so a dead leader hint or seed costs little.
    /// With `certificateAuthority` (the node's TLS CA) https servers must present a certificate
    /// from it that names the address dialed; without, the system's roots are used.
    static func makeHTTPClient(certificateAuthority: CertificateAuthority? = nil) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = certificateAuthority?.clientConfiguration
        configuration.timeout.connect = .seconds(1)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request` (with its already collected `body`) to the server at `baseURL`
    /// (`http://host:port`) with `hop` set on top of the forwarded headers, and returns its
    /// answer marked as relayed from `baseURL`.
    func relay(_ request: Request, body: ByteBuffer?, to baseURL: String, hop: HTTPFields) async throws -> Response {
        var outbound = HTTPClientRequest(url: baseURL + request.uri.string)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for name in Self.forwardedHeaders where hop[name] == nil {
            for value in request.headers[values: name] {
                outbound.headers.add(name: name.rawName, value: value)
            }
        }
        for field in hop { outbound.headers.add(name: field.name.rawName, value: field.value) }
        if let body, body.readableBytes > 0 { outbound.body = .bytes(body) }
        let answer = try await client.execute(outbound, timeout: .nanoseconds(timeout.nanoseconds))
        let bytes = try await answer.body.collect(upTo: Self.maximumResponseBytes)
        var headers = HTTPFields()
        for header in answer.headers where !Self.hopByHopResponseHeaders.contains(header.name.lowercased()) {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        headers[.ecsRelayedFrom] = baseURL
        return Response(
            status: HTTPResponse.Status(code: Int(answer.status.code)), headers: headers,
            body: .init(byteBuffer: bytes))
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
