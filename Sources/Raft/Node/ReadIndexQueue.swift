/// Read requests waiting for a heartbeat round to confirm that this leader is still the
/// leader (thesis §6.4 step 3). Requests are keyed by their context, which callers must
/// keep unique and non-empty; later confirmations also confirm every earlier request.
struct ReadIndexQueue: Sendable {
    struct PendingRead: Sendable {
        /// Commit index when the request arrived (thesis §6.4 step 2).
        var index: UInt64
        var request: Message
        var acknowledgements: Set<NodeID> = []
    }

    private var pending: [[UInt8]: PendingRead] = [:]
    private var order: [[UInt8]] = []

    /// Context of the newest request, to attach to heartbeats.
    var newestContext: [UInt8]? { order.last }

    mutating func add(_ request: Message, context: [UInt8], index: UInt64) {
        guard pending[context] == nil else { return }
        pending[context] = PendingRead(index: index, request: request)
        order.append(context)
    }

    /// Records that `peer` answered a heartbeat carrying `context`; returns everyone who
    /// acknowledged that request so far, or nil if it is unknown (already answered).
    mutating func acknowledge(_ context: [UInt8], from peer: NodeID) -> Set<NodeID>? {
        guard pending[context] != nil else { return nil }
        pending[context]?.acknowledgements.insert(peer)
        return pending[context]?.acknowledgements
    }

    /// Removes and returns the request with `context` and every request queued before it:
    /// a quorum confirming a later heartbeat confirms leadership for the earlier ones too.
    mutating func dequeue(through context: [UInt8]) -> [PendingRead] {
        guard let position = order.firstIndex(of: context) else { return [] }
        let confirmed = order[...position].compactMap { pending.removeValue(forKey: $0) }
        order.removeFirst(position + 1)
        return confirmed
    }
}
