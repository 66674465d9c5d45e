import Raft

/// Everything that reaches the shell's loop from other threads. The loop is the only owner of
/// the Raft node and the storage, so every input is a value queued here.
enum ShellEvent {
    /// A config command from the HTTP layer.
    case propose(requestID: UInt64, command: [UInt8], ProposalReply)
    /// A linearizable read barrier (ReadIndex).
    case read(requestID: UInt64, PendingRequests.IndexContinuation)
    /// Wait until an index is applied.
    case waitApplied(PendingRequests.IndexWaiter)
    /// The caller of the wait with this id went away (its task was cancelled).
    case cancelWait(UInt64)
    /// Messages from peers.
    case messages([Message])
    /// The network could not reach a peer.
    case unreachable(NodeID)
    /// A complete snapshot arrived: the `.snapshot` message and the file holding its data.
    case snapshotReceived(Message, file: String)
    /// Sending a snapshot to a peer finished or failed.
    case snapshotSent(to: NodeID, success: Bool)
    /// This node's own snapshot was copied (with the index it holds), or failed.
    case snapshotCaptured(Result<SnapshotMetadata, any Error>)
    /// Add, promote or remove a member (a configuration change through the log).
    case changeMembership(MembershipChange, PendingRequests.IndexContinuation)
    /// Hand leadership to another voter.
    case transferLeadership(to: NodeID, PendingRequests.IndexContinuation)
    /// Stop the loop after failing every waiter.
    case stop
}
