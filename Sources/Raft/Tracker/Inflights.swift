import DequeModule

/// The sliding window of `append` messages sent to a follower in replicate state but not
/// yet acknowledged, bounded by count and by bytes (thesis §10.2.1, pipelining with flow
/// control): a slow follower cannot make the leader buffer unbounded data.
struct Inflights: Sendable, Hashable {
    private struct Flight: Sendable, Hashable {
        /// Last entry index carried by the message.
        var lastIndex: UInt64
        var bytes: UInt64
    }

    let maxCount: Int
    let maxBytes: UInt64
    private var flights: Deque<Flight> = []
    private(set) var bytes: UInt64 = 0

    init(maxCount: Int, maxBytes: UInt64) {
        self.maxCount = maxCount
        self.maxBytes = maxBytes
    }

    var count: Int { flights.count }

    var isFull: Bool { flights.count >= maxCount || bytes >= maxBytes }

    /// Records a message whose last entry is `lastIndex`.
    mutating func add(lastIndex: UInt64, bytes messageBytes: UInt64) {
        precondition(!isFull, "inflight window full (\(count)/\(maxCount), \(bytes)/\(maxBytes) bytes)")
        if let newest = flights.last {
            precondition(lastIndex > newest.lastIndex, "inflight \(lastIndex) not after \(newest.lastIndex)")
        }
        flights.append(Flight(lastIndex: lastIndex, bytes: messageBytes))
        bytes += messageBytes
    }

    /// Releases every message whose entries are all at or below `index` (acknowledged).
    mutating func free(through index: UInt64) {
        while let oldest = flights.first, oldest.lastIndex <= index {
            bytes -= oldest.bytes
            flights.removeFirst()
        }
    }

    mutating func reset() {
        flights.removeAll()
        bytes = 0
    }
}
