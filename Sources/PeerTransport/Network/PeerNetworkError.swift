/// Why `PeerNetwork.start()` failed. Every case names what the operator has to fix.
public enum PeerNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The listener could not be bound, typically because another process (or another node
    /// of a test) already uses the port. `reason` is the system's explanation.
    case listenFailed(address: PeerAddress, reason: String)
    /// The incoming-snapshot directory could not be created or cleaned.
    case snapshotDirectoryUnusable(path: String, reason: String)
    /// The configuration cannot work, for example a local node id of zero.
    case invalidConfiguration(String)
    /// `start()` was called twice, or after `shutdown()`.
    case notStartable

    /// One line for the log or the terminal.
    public var description: String {
        switch self {
        case .listenFailed(let address, let reason):
            "cannot listen for peers on \(address): \(reason)"
        case .snapshotDirectoryUnusable(let path, let reason):
            "cannot use \(path) for incoming snapshots: \(reason)"
        case .invalidConfiguration(let problem):
            "invalid peer network configuration: \(problem)"
        case .notStartable:
            "the peer network was already started or shut down"
        }
    }
}
