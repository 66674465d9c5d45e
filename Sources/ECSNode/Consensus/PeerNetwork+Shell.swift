import PeerTransport

/// The peer network is the shell's messenger as it is.
extension PeerNetwork: PeerMessenger {}

/// The network streams the snapshots this node took.
extension SnapshotFiles: SnapshotFileProvider {
    func snapshotFile(index: UInt64, term: UInt64) -> String? {
        dataFile(for: Key(term: term, index: index))
    }
}

/// The network delivers its events straight to the shell's inbox.
extension RaftShell: PeerEventSink {
    func deliver(_ event: PeerNetworkEvent) {
        enqueue(ShellEvent(event))
    }
}

extension ShellEvent {
    /// Translates what the peer network reports into the shell's inputs.
    init(_ event: PeerNetworkEvent) {
        switch event {
        case .messages(let messages): self = .messages(messages)
        case .unreachable(let peer): self = .unreachable(peer)
        case .snapshotReceived(let message, let file): self = .snapshotReceived(message, file: file)
        case .snapshotSent(let peer, let success): self = .snapshotSent(to: peer, success: success)
        }
    }
}
