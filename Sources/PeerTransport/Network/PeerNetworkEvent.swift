import Raft

/// What the network tells the Raft shell. The shell turns each case into the matching
/// `RaftNode` call, so that Raft learns about the network only through its own API.
public enum PeerNetworkEvent: Sendable, Hashable {
    /// Messages from a peer, in the order the peer sent them. Already checked: the peer said
    /// hello with this cluster's id, and every message is addressed to this node. The shell
    /// steps them into Raft.
    case messages([Message])
    /// A send to this peer failed or could not be attempted (no connection, queue full). The
    /// shell calls Raft's `reportUnreachable` so that a leader stops pipelining to the peer
    /// and probes instead. Reported at most once per connection attempt, not once per message.
    case unreachable(NodeID)
    /// A complete snapshot arrived. `message` is the `.snapshot` message as Raft sent it (its
    /// `snapshot.data` is empty); `file` is the path of a fully written, fsynced file holding
    /// the data. The file now belongs to the shell, which moves it into place or deletes it.
    case snapshotReceived(message: Message, file: String)
    /// A snapshot transfer to `to` ended. `success` means every chunk and the message were
    /// handed to the kernel; the shell calls Raft's `reportSnapshot` so that the leader
    /// either resumes replication or retries the snapshot.
    case snapshotSent(to: NodeID, success: Bool)
}
