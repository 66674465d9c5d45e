import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import PeerTransport

/// How the HTTP API is served: `http1` (the HTTP/1.1 server with its limits) as it is, or
/// within HTTPS with the node's certificate when it has TLS settings. Clients are not asked for
/// a certificate (tokens authenticate them); the peers' mutual TLS is on the Raft port.
enum HTTPServing {
    static func builder(_ http1: HTTPServerBuilder, tls: PeerTLS?) throws -> HTTPServerBuilder {
        guard let tls else { return http1 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: tls.certificateChain.map { .certificate($0) }, privateKey: .privateKey(tls.privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return try .tls(http1, tlsConfiguration: configuration)
    }
}
