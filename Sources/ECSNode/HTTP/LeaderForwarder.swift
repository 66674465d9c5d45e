import Admin
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Sends a request that reached a follower on to the leader, and relays the leader's answer.
///
/// The follower has already authenticated the request; the leader checks it again (the token
/// travels along), so forwarding grants nothing. The hop header `X-ECS-Forwarded-By` marks the
/// forwarded request: a node that receives one and is not the leader answers 503 instead of
/// forwarding again, so a stale leader hint can never make requests circle.
struct LeaderForwarder: Sendable {
    let client: HTTPClient
    let nodeName: String
    let timeout: Duration
    /// The largest answer relayed from the leader.
    static let maximumResponseBytes = 16 << 20

    /// The request headers that carry meaning to the leader; the rest (connection management,
    /// the host) belong to this hop.
    static let forwardedHeaders: [HTTPField.Name] = [
        .authorization, .contentType, .accept, .ifMatch, .ifNoneMatch, .idempotencyKey, .traceparent, .tracestate,
    ]

    /// Response headers that describe the leader's connection rather than its answer.
    static let hopByHopResponseHeaders: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer",
        "proxy-authenticate",
    ]

    /// A client suited to forwarding: a refused or slow connection fails fast (1 s) rather than
    /// being retried until the request's deadline, so a dead leader hint costs little.
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(1)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Whether `request` was already forwarded by another node.
    static func wasForwarded(_ request: Request) -> Bool {
        request.headers[.ecsForwardedBy] != nil
    }

    /// Forwards `request` (with its already collected `body`) to the leader serving HTTP at
    /// `address` (`host:port`) and returns the leader's answer unchanged.
    ///
    /// When the leader cannot be reached: 503 if the request certainly did not arrive (or is a
    /// read, which is always safe to retry), 504 for a write whose fate is unknown.
    func forward(_ request: Request, body: ByteBuffer?, to address: String) async throws(Problem) -> Response {
        var outbound = HTTPClientRequest(url: "http://\(address)\(request.uri.string)")
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for name in Self.forwardedHeaders {
            for value in request.headers[values: name] {
                outbound.headers.add(name: name.rawName, value: value)
            }
        }
        outbound.headers.add(name: HTTPField.Name.ecsForwardedBy.rawName, value: nodeName)
        if let body, body.readableBytes > 0 { outbound.body = .bytes(body) }
        do {
            let answer = try await client.execute(outbound, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            let bytes = try await answer.body.collect(upTo: Self.maximumResponseBytes)
            var headers = HTTPFields()
            for header in answer.headers where !Self.hopByHopResponseHeaders.contains(header.name.lowercased()) {
                if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
            }
            headers[.ecsRelayedFrom] = address
            return Response(
                status: HTTPResponse.Status(code: Int(answer.status.code)), headers: headers,
                body: .init(byteBuffer: bytes))
        } catch {
            let isRead = request.method == .get || request.method == .head
            if isRead || ConnectionFailure.neverConnected(error) {
                throw .unavailable("the leader at \(address) could not be reached: \(error)")
            }
            throw .outcomeUnknown(
                "the request was forwarded to the leader at \(address), which did not answer: \(error)")
        }
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
