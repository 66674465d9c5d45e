import PeerTransport

/// The peer network is the shell's messenger as it is.
extension PeerNetwork: PeerMessenger {}

/// The network streams the snapshots this node took.
extension SnapshotFiles: SnapshotFileProvider {
    func snapshotFile(index: UInt64, term: UInt64) -> String? {
        dataFile(for: Key(term: term, index: index))
    }
}
