import Hummingbird
import NIOCore

/// `GET /metrics`: the node's metrics in Prometheus's text exposition format (`NodeMetrics`).
///
/// On the API listener it needs a platform admin token, like the cluster routes (Prometheus
/// sends one with `authorization.credentials_file`); the optional `--metrics` listener
/// (`MetricsListener`) serves the same page without one, as the spec allows.
extension APIServices {
    func metrics(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        return MetricsPage.response()
    }
}

/// The page both listeners serve.
enum MetricsPage {
    static let contentType = "text/plain; version=0.0.4"

    static func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: NodeMetrics.exposition())))
    }
}
