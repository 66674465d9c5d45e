import Foundation

/// A member's fixed identity: its ports and files stay the same across restarts, which is what
/// lets a restarted node rejoin on its own data.
struct NodeSpec: Sendable, Hashable {
    let id: String
    let httpPort: Int
    let raftPort: Int
    let dataDirectory: URL
    /// Standard output and error of every incarnation, appended, for failure messages.
    let logFile: URL
    /// `https` for a node started with TLS settings.
    var scheme = "http"

    var httpAddress: String { "127.0.0.1:\(httpPort)" }
    var raftAddress: String { "127.0.0.1:\(raftPort)" }
    var baseURL: String { "\(scheme)://\(httpAddress)" }
}
