import NIOSSL

/// Mutual TLS for the peer network: this node's certificate and key, and the CA that every
/// peer's certificate must be signed by. Both directions verify: the listener requires a
/// client certificate and checks it against the CA (and that it names the address the peer
/// connects from), the dialer presents this node's certificate and checks the listener's
/// against the CA and the address it dialed. A peer with no certificate, an expired one or
/// one from another CA never gets a frame through, so the cluster-id check of the hello comes
/// on top of, not instead of, knowing who is on the other end.
///
/// Peer connections use TLS 1.2: there the client's handshake completes only once the
/// listener accepted its certificate, so a refused node learns it from its own dial, with the
/// listener's alert as the reason, instead of from a connection that dies after it was
/// reported up (TLS 1.3 sends the client certificate after the client's handshake is done).
public struct PeerTLS: Sendable, Equatable {
    /// This node's certificate, then any intermediates, as read from the PEM file.
    public let certificateChain: [NIOSSLCertificate]
    /// The key of the first certificate.
    public let privateKey: NIOSSLPrivateKey
    /// The certificate authorities a peer's certificate must chain to.
    public let trustRoots: [NIOSSLCertificate]
    /// The context of accepted connections: client certificate required and verified.
    let serverContext: NIOSSLContext
    /// The context of dialed connections: presents this node's certificate, verifies the peer's.
    let clientContext: NIOSSLContext

    /// Reads the three PEM files and builds both contexts, so that a bad file (unreadable, not
    /// PEM, a key that does not belong to the certificate) stops the node at start-up instead
    /// of failing every handshake later.
    public init(certificateFile: String, keyFile: String, caFile: String) throws(PeerTLSError) {
        do {
            certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile)
        } catch {
            throw .unusableFile(setting: .certificate, path: certificateFile, reason: "\(error)")
        }
        guard !certificateChain.isEmpty else {
            throw .unusableFile(setting: .certificate, path: certificateFile, reason: "no certificate in it")
        }
        do {
            privateKey = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            throw .unusableFile(setting: .key, path: keyFile, reason: "\(error)")
        }
        do {
            trustRoots = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw .unusableFile(setting: .certificateAuthority, path: caFile, reason: "\(error)")
        }
        guard !trustRoots.isEmpty else {
            throw .unusableFile(setting: .certificateAuthority, path: caFile, reason: "no certificate in it")
        }
        var server = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        var client = TLSConfiguration.makeClientConfiguration()
        client.certificateChain = server.certificateChain
        client.privateKey = server.privateKey
        server.certificateVerification = .fullVerification
        server.trustRoots = .certificates(trustRoots)
        server.minimumTLSVersion = .tlsv12
        server.maximumTLSVersion = .tlsv12
        client.trustRoots = .certificates(trustRoots)
        client.minimumTLSVersion = .tlsv12
        client.maximumTLSVersion = .tlsv12
        do {
            serverContext = try NIOSSLContext(configuration: server)
            clientContext = try NIOSSLContext(configuration: client)
        } catch {
            throw .keyMismatch(certificateFile: certificateFile, keyFile: keyFile, reason: "\(error)")
        }
    }

    /// Equal when the same certificates, key and roots are in use.
    public static func == (lhs: PeerTLS, rhs: PeerTLS) -> Bool {
        lhs.certificateChain == rhs.certificateChain && lhs.privateKey == rhs.privateKey
            && lhs.trustRoots == rhs.trustRoots
    }
}
