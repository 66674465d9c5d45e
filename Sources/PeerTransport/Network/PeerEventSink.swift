/// Where a `PeerNetwork` delivers what arrives and happens (`PeerNetworkEvent`).
///
/// Called on the network's event loops and tasks, in order per peer connection, so it must
/// return at once and never block: the Raft shell only queues the event for its own thread. A
/// direct call rather than an `AsyncStream` read by a task, because every hop between threads
/// is paid again on every replicated write, on every node.
public protocol PeerEventSink: Sendable {
    func deliver(_ event: PeerNetworkEvent)
}
