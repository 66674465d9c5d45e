import PeerTransport

/// A flag or configuration-file value the node cannot start with. The description is the one
/// line the node prints before it exits.
enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// `setting` (a flag name such as `--peers`) has a value that cannot work.
    case invalid(String, String)
    /// A required setting was given neither as a flag nor in the file.
    case missing(String)
    /// The `--config` file cannot be read or parsed.
    case file(String, String)
    /// The TLS files cannot be used (`PeerTLSError` names the flag and the file).
    case tls(PeerTLSError)

    var description: String {
        switch self {
        case .invalid(let setting, let reason): "invalid \(setting): \(reason)"
        case .missing(let setting): "missing \(setting): give it as a flag or in the --config file"
        case .file(let path, let reason): "cannot use config file \(path): \(reason)"
        case .tls(let error): "\(error)"
        }
    }
}
