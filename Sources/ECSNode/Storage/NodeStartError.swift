/// Why a node refuses to start; printed as one line before the process exits.
enum NodeStartError: Error, CustomStringConvertible {
    /// The data folder is unusable or belongs to another node or cluster.
    case dataDirectory(String)
    /// A listener could not bind (usually: the port is busy).
    case listen(String)
    /// The stored Raft or state data cannot be used.
    case storage(String)

    var description: String {
        switch self {
        case .dataDirectory(let reason): "data folder: \(reason)"
        case .listen(let reason): "cannot listen: \(reason)"
        case .storage(let reason): "storage: \(reason)"
        }
    }
}
