/// Why the TLS settings cannot be used. The description is the one line a node prints before it
/// refuses to start.
public enum PeerTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which of the three files.
    public enum Setting: String, Sendable {
        case certificate = "--tls-cert"
        case key = "--tls-key"
        case certificateAuthority = "--tls-ca"
    }

    /// A file cannot be read or holds no PEM certificate or key.
    case unusableFile(setting: Setting, path: String, reason: String)
    /// The files were read but do not make a TLS context, typically a key that does not belong
    /// to the certificate.
    case keyMismatch(certificateFile: String, keyFile: String, reason: String)

    public var description: String {
        switch self {
        case .unusableFile(let setting, let path, let reason):
            "invalid \(setting.rawValue): cannot use \(path): \(reason)"
        case .keyMismatch(let certificateFile, let keyFile, let reason):
            "invalid --tls-key: \(keyFile) does not go with the certificate \(certificateFile): \(reason)"
        }
    }
}
