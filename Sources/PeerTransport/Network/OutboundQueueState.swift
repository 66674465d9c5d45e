import Raft

/// The bookkeeping of one peer's outbound traffic, without locks or I/O so that every rule
/// can be tested directly: which messages wait, when they are dropped, and when dropping
/// must be reported to Raft as `.unreachable`.
///
/// The rules:
/// - While a dial is in flight (`connecting`) or the connection is up (`connected`),
///   batches queue up to the limits; the writer takes them all at once.
/// - A full queue drops the newest batch, not the oldest: what waits is already in order and
///   dropping a suffix is what a lossy network does anyway. Raft retransmits, and the
///   `.unreachable` report makes a leader stop pipelining to a peer that cannot keep up.
/// - Between dials (`waiting`) nothing is queued: the peer is down, anything queued would be
///   stale by the time it is back, and Raft resends from its own log.
/// - `.unreachable` is reported at most once per connection attempt, and again only after the
///   writer made progress, so a leader's heartbeats to a dead peer do not flood the shell.
struct OutboundQueueState {
    /// Where the peer's connection stands.
    enum Phase: Equatable {
        case connecting
        case connected
        case waiting
        case closed
    }

    /// What happened to an enqueued batch.
    enum EnqueueOutcome: Equatable {
        /// Queued; `wake` says the writer must be woken (it is idle on a live connection).
        case queued(wake: Bool)
        /// Dropped; `report` says this drop is the one to report as `.unreachable`.
        case dropped(report: Bool)
    }

    let maxMessages: Int
    let maxBytes: Int
    private(set) var phase: Phase = .connecting
    private(set) var batches: [[Message]] = []
    private(set) var queuedMessages = 0
    private(set) var queuedBytes = 0
    private var reported = false

    init(maxMessages: Int, maxBytes: Int) {
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
    }

    /// Queues `batch` or drops it, following the rules above.
    mutating func enqueue(_ batch: [Message]) -> EnqueueOutcome {
        switch phase {
        case .closed:
            return .dropped(report: false)
        case .waiting:
            return .dropped(report: claimReport())
        case .connecting, .connected:
            let bytes = batch.reduce(0) { $0 + $1.approximateWireSize }
            // An empty queue always takes one batch, so a batch above the byte limit is still
            // sent (the encoder splits it) instead of being dropped forever.
            let fits = queuedMessages + batch.count <= maxMessages && queuedBytes + bytes <= maxBytes
            guard fits || batches.isEmpty else { return .dropped(report: claimReport()) }
            batches.append(batch)
            queuedMessages += batch.count
            queuedBytes += bytes
            return .queued(wake: phase == .connected && batches.count == 1)
        }
    }

    /// Hands every waiting batch to the writer.
    mutating func takeAll() -> [[Message]] {
        let taken = batches
        batches = []
        queuedMessages = 0
        queuedBytes = 0
        reported = false
        return taken
    }

    /// A dial starts: queue again, and a new attempt may report again.
    mutating func beginAttempt() {
        guard phase != .closed else { return }
        phase = .connecting
        reported = false
    }

    /// The dial succeeded; returns whether batches queued during the dial wait for the writer.
    mutating func connected() -> Bool {
        guard phase != .closed else { return false }
        phase = .connected
        return !batches.isEmpty
    }

    /// The dial failed; returns whether to report `.unreachable` (messages were waiting).
    mutating func attemptFailed() -> Bool {
        guard phase != .closed else { return false }
        phase = .waiting
        let dropped = !batches.isEmpty
        _ = takeAll()
        return dropped && claimReport()
    }

    /// The connection broke; returns whether to report `.unreachable`. Always once: messages
    /// written just before the break may be lost without any error.
    mutating func connectionLost() -> Bool {
        guard phase != .closed else { return false }
        phase = .waiting
        _ = takeAll()
        return claimReport()
    }

    /// The peer was removed or the network shut down: drop everything, forever.
    mutating func close() {
        phase = .closed
        _ = takeAll()
    }

    /// True the first time it is called since the last reset.
    private mutating func claimReport() -> Bool {
        defer { reported = true }
        return !reported
    }
}

extension Message {
    /// Roughly the bytes this message takes on the wire: the fixed fields plus everything of
    /// variable length. Only the queue limits use it, so it need not be exact.
    var approximateWireSize: Int {
        var size = MessageWire.minimumSize + context.count
        for entry in entries {
            size += MessageWire.minimumEntrySize + entry.data.count
        }
        if let snapshot {
            size += 64 + snapshot.data.count
        }
        return size
    }
}
