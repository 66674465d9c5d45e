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

    /// Runs `body` with a transport and shuts its connections down however `body` ends. With
    /// `certificateAuthority`, https endpoints must present a certificate from it (instead of
    /// one the system trusts) that names the address dialed.
    public static func withTransport<T>(
        connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(30),
        certificateAuthority: CertificateAuthority? = nil, _ body: (HTTPAdminTransport) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: timeAmount(connectTimeout)))
        configuration.tlsConfiguration = certificateAuthority?.clientConfiguration
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
        do {
            let answer = try await client.execute(Self.outbound(request, to: endpoint), timeout: requestTimeout)
            return try await Self.collect(answer)
        } catch {
            throw Self.failure(error)
        }
    }

    /// Streams a success answer's body to `receiver` chunk by chunk as NIO reads it. The request
    /// timeout covers the wait for the answer's head, not the transfer of its body.
    public func stream(
        _ request: AdminRequest, to endpoint: Endpoint, into receiver: BodyReceiver
    ) async throws(TransportFailure) -> AdminResponse {
        do {
            let answer = try await client.execute(Self.outbound(request, to: endpoint), timeout: requestTimeout)
            guard (200..<300).contains(answer.status.code) else { return try await Self.collect(answer) }
            receiver.start(answer.headers.first(name: "Content-Length").flatMap { Int($0) })
            for try await chunk in answer.body {
                guard receiver.append(Array(chunk.readableBytesView)) else {
                    throw TransportFailure.noAnswer(reason: BodyReceiver.stoppedReason)
                }
            }
            return AdminResponse(
                status: Int(answer.status.code), contentType: answer.headers.first(name: "Content-Type"))
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            throw Self.failure(error)
        }
    }

    private static func outbound(_ request: AdminRequest, to endpoint: Endpoint) -> HTTPClientRequest {
        var outbound = HTTPClientRequest(url: endpoint.baseURL + request.path)
        outbound.method = .init(rawValue: request.method.rawValue)
        outbound.headers.add(name: "Authorization", value: "Bearer \(request.bearerToken)")
        outbound.headers.add(name: "Accept", value: "application/json")
        if let body = request.body {
            outbound.headers.add(name: "Content-Type", value: "application/json")
            outbound.body = .bytes(ByteBuffer(bytes: body))
        }
        return outbound
    }

    private static func collect(_ answer: HTTPClientResponse) async throws -> AdminResponse {
        let body = try await answer.body.collect(upTo: maximumResponseBytes)
        return AdminResponse(
            status: Int(answer.status.code), contentType: answer.headers.first(name: "Content-Type"),
            body: Array(body.readableBytesView))
    }

    /// An error of AsyncHTTPClient as a transport failure: whether the request can have arrived.
    private static func failure(_ error: any Error) -> TransportFailure {
        let reason = ConnectionFailure.reason(error)
        return ConnectionFailure.neverConnected(error) ? .notConnected(reason: reason) : .noAnswer(reason: reason)
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
