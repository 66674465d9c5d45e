import Logging
import Synchronization

/// Logs refused TLS handshakes once per peer and reason at warning, and again only at debug:
/// a peer with a bad certificate redials every couple of seconds forever, and one clear line is
/// what the operator needs. A successful handshake with the peer forgets it, so that a later
/// refusal is reported again.
final class TLSRefusalLog: Sendable {
    private let reported = Mutex<Set<String>>([])

    /// Logs `reason` for `peer` (a node id or a remote address).
    func refused(_ peer: String, reason: String, logger: Logger) {
        let first = reported.withLock { $0.insert("\(peer)|\(reason)").inserted }
        let message: Logger.Message = "TLS handshake with peer refused: \(reason)"
        if first {
            logger.warning(message, metadata: ["tls-peer": "\(peer)"])
        } else {
            logger.debug(message, metadata: ["tls-peer": "\(peer)"])
        }
    }

    /// The handshake with `peer` worked: its next refusal is news again.
    func succeeded(_ peer: String) {
        reported.withLock { $0 = $0.filter { !$0.hasPrefix("\(peer)|") } }
    }
}
