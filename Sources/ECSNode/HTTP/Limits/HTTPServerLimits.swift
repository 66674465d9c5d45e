import Hummingbird
import HummingbirdCore
import NIOCore

/// The HTTP/1.1 server's limits on what a client may send and how slowly: header sizes (the
/// body limit is the edition's `max-request-bytes`, checked by the routes), the time a request
/// may take to arrive (`ConnectionGuard`) and how long an idle keep-alive connection is kept.
struct HTTPServerLimits: Sendable {
    /// Largest single header field (name and value): a bearer token is well under 2 KiB.
    static let maximumHeaderFieldBytes = 16 << 10
    /// Largest header block of one request.
    static let maximumHeaderBytes = 64 << 10
    static let maximumHeaderFields = 100
    /// An idle keep-alive connection (nothing received since the last answer) is closed after
    /// this long, silently, as nginx and etcd's gateway do; clients reconnect.
    static let idleTimeout = TimeAmount.seconds(120)

    /// From a request's first byte to the end of its head.
    var headTimeout: TimeAmount
    /// From a request's head to the end of its body.
    var bodyTimeout: TimeAmount

    init(tuning: NodeConfiguration.Tuning) {
        headTimeout = .milliseconds(Int64(tuning.requestHeadTimeoutMilliseconds))
        bodyTimeout = .milliseconds(Int64(tuning.requestBodyTimeoutMilliseconds))
    }

    /// For error messages: the header limits in words.
    static var describedHeaderLimits: String {
        "at most \(maximumHeaderFields) fields, \(maximumHeaderFieldBytes >> 10) KiB each, the request line included, and \(maximumHeaderBytes >> 10) KiB in all"
    }

    /// The HTTP/1.1 server with these limits.
    var server: HTTPServerBuilder {
        let (headTimeout, bodyTimeout) = (self.headTimeout, self.bodyTimeout)
        return .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionGuard(headTimeout: headTimeout, bodyTimeout: bodyTimeout)],
                idleTimeout: Self.idleTimeout,
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: Self.maximumHeaderFieldBytes, maxHeaderListSize: Self.maximumHeaderBytes,
                    maxHeaderFieldCount: Self.maximumHeaderFields)))
    }
}
