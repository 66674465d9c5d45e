import NIOSSL

/// The CA an https node's certificate must chain to (`ecsctl --cacert`, and the node's own
/// clients of its members): a local cluster's own CA (`cluster/certs`) is in no system trust store.
public struct CertificateAuthority: Sendable {
    let certificates: [NIOSSLCertificate]

    /// The CA of certificates already read (the node's `--tls-ca`).
    public init(certificates: [NIOSSLCertificate]) {
        self.certificates = certificates
    }

    /// What an HTTP client needs to trust exactly this CA, and to check that a server's
    /// certificate names the address dialed.
    public var clientConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(certificates)
        return configuration
    }

    /// Reads the PEM file now, so that a wrong path is a usage error before any request.
    public init(pemFile path: String) throws(Unusable) {
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw Unusable(path: path, reason: "\(error)")
        }
        guard !certificates.isEmpty else { throw Unusable(path: path, reason: "no certificate in it") }
    }

    /// The file cannot be read or holds no PEM certificate.
    public struct Unusable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        public var description: String { "cannot use the CA certificate \(path): \(reason)" }
    }
}
