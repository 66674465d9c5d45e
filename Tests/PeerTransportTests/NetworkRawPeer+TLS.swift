import NIOCore
import NIOPosix
import NIOSSL
import PeerTransport

extension RawPeer {
    /// Opens a TLS connection that trusts `caFile` and presents `certificate` (PEM files), or
    /// no certificate when nil: a dialer as a hostile or misconfigured node would make it.
    static func connectTLS(
        to address: PeerAddress, certificate: (certificate: String, key: String)?, caFile: String
    ) async throws -> RawPeer {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(caFile)
        configuration.maximumTLSVersion = .tlsv12
        if let certificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate.certificate).map {
                .certificate($0)
            }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certificate.key, format: .pem))
        }
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: nil))
                }
            }
            .connect(host: address.host, port: address.port).get()
        return RawPeer(channel: channel)
    }
}
