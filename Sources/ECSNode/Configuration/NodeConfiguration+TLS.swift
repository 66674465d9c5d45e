import PeerTransport

extension NodeConfiguration {
    /// The TLS settings from the three paths (flags over the file): none gives nil (plain TCP
    /// and HTTP), all three are read now, so that a missing or broken file stops the node at
    /// start-up with one line rather than failing every handshake later. Some but not all is a
    /// mistake, never a silent fallback to plain text.
    static func loadTLS(certificate: String?, key: String?, ca: String?) throws(ConfigurationError) -> PeerTLS? {
        let given = [("--tls-cert", certificate), ("--tls-key", key), ("--tls-ca", ca)]
        let missing = given.filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.count < given.count else { return nil }
        guard missing.isEmpty, let certificate, let key, let ca else {
            throw .invalid(
                missing[0], "--tls-cert, --tls-key and --tls-ca go together; missing \(missing.joined(separator: ", "))"
            )
        }
        do {
            return try PeerTLS(certificateFile: certificate, keyFile: key, caFile: ca)
        } catch {
            throw .tls(error)
        }
    }
}
