import NIOSSL

/// The CA an https node's certificate must chain to (`ecsctl --cacert`): a local cluster's own
/// CA (`cluster/certs`) is in no system trust store.
public struct CertificateAuthority: Sendable {
    let certificates: [NIOSSLCertificate]

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
