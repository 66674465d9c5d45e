import Synchronization

/// Passes the network's events to its `PeerEventSink`, holding those that arrive before the
/// sink is attached: the network must listen before the Raft shell that consumes its events
/// exists (the shell is built with the network as its messenger).
final class EventOutlet: Sendable {
    private enum State {
        case holding([PeerNetworkEvent])
        case attached(any PeerEventSink)
        case closed
    }

    /// Events held before attachment beyond this many are dropped, as a lossy network would:
    /// Raft retransmits. Only the moments between `start()` and `attach(_:)` can fill it.
    static let holdLimit = 4096

    private let state = Mutex(State.holding([]))

    /// Delivers everything held so far, in order, then every later event as it comes.
    func attach(_ sink: any PeerEventSink) {
        state.withLock { state in
            guard case .holding(let held) = state else { return }
            // Under the lock, so that no event overtakes the held ones.
            for event in held { sink.deliver(event) }
            state = .attached(sink)
        }
    }

    func deliver(_ event: PeerNetworkEvent) {
        let sink: (any PeerEventSink)? = state.withLock { state in
            switch state {
            case .holding(var held):
                state = .closed  // drops the enum's reference, so that `held` grows in place
                if held.count < Self.holdLimit { held.append(event) }
                state = .holding(held)
                return nil
            case .attached(let sink):
                return sink
            case .closed:
                return nil
            }
        }
        sink?.deliver(event)
    }

    /// Nothing is delivered from now on (the network has shut down).
    func close() {
        state.withLock { $0 = .closed }
    }
}
