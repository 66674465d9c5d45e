import Hummingbird
import KVStore
import Logging
import NIOCore
import ServiceLifecycle

/// One client's watch: follows this node's applied log and writes the events its filter
/// selects, in index order, each exactly once, until the client goes away or the node stops.
///
/// It is served from the node's own applied state, so it works the same on a leader, a
/// follower and a learner, without a leader round trip: every node applies the same log and
/// keeps the same `events` table. The loop keeps a cursor — every event at or below it has been
/// delivered or deliberately skipped — and repeats: wait until the node applies past the cursor,
/// read the events in `(cursor, applied]` in one short read transaction, write them, advance.
/// No transaction is held across an `await`, and the tables are opened per read because
/// installing a snapshot swaps the state environment.
struct WatchStream: Sendable {
    let consensus: any ConsensusClient
    let filter: WatchFilter
    /// The node's region, the `source` of every event.
    let region: String
    /// After this long without writing anything, a heartbeat comment is written, which keeps
    /// proxies from closing an idle stream and lets the server notice a departed client.
    let heartbeatInterval: Duration
    let logger: Logger

    /// At most this many events are read in one transaction, so that a client resuming far
    /// behind is served in bounded pieces instead of one huge read.
    static let pageSize = 512

    /// Writes events after `start` (the client's `Last-Event-ID`, or the applied index for a new
    /// watch) until the client disconnects (a write throws, which ends the response) or the
    /// node shuts down or fails to follow its log (returns, and the response ends normally).
    func run(after start: UInt64, writer: inout any ResponseBodyWriter) async throws {
        let metrics = WatchMetrics.shared
        let usage = TenantUsage.shared.counters(for: filter.tenant)
        metrics.subscribers.increment()
        defer { metrics.subscribers.decrement() }
        var cursor = start
        try await writer.write(message(.comment("watching \(filter.tenant) after index \(start)")))
        var lastWrite = ContinuousClock.now
        while true {
            if ContinuousClock.now >= lastWrite + heartbeatInterval {
                try await writer.write(message(.comment("heartbeat")))
                lastWrite = .now
            }
            let applied: UInt64
            switch await nextApplied(after: cursor, heartbeatDue: lastWrite + heartbeatInterval) {
            case .applied(let index): applied = index
            case .heartbeatDue: continue
            case .stop: return
            }
            let page: WatchPage
            do {
                page = try read(after: cursor, upTo: applied)
            } catch {
                logger.error("watch of \(filter.tenant) stopped: its events cannot be read: \(error)")
                return
            }
            cursor = page.cursor
            if page.buffer.readableBytes > 0 {
                try await writer.write(page.buffer)
                lastWrite = .now
                metrics.eventsSent.increment(by: page.events)
                usage.pushEvents.increment(by: page.events)
            }
        }
    }

    /// Why the loop woke up.
    private enum WakeUp {
        /// The node has applied this index, past the cursor.
        case applied(UInt64)
        /// Nothing was applied before the next heartbeat is due.
        case heartbeatDue
        /// The node is shutting down, the request was cancelled, or the node cannot follow its
        /// log: end the stream (the client reconnects, possibly to another node).
        case stop
    }

    /// Waits until the node applies past `cursor`, at most until `heartbeatDue`.
    ///
    /// A graceful shutdown of the server cancels the wait, so that an idle watch does not hold
    /// up the shutdown until its next heartbeat (with a consensus client whose wait honours
    /// cancellation).
    private func nextApplied(after cursor: UInt64, heartbeatDue: ContinuousClock.Instant) async -> WakeUp {
        if Self.stopping { return .stop }
        let (consensus, timeout) = (self.consensus, heartbeatDue - .now)
        do {
            return .applied(
                try await cancelWhenGracefulShutdown {
                    try await consensus.waitUntilApplied(cursor + 1, timeout: timeout)
                })
        } catch {
            if Self.stopping { return .stop }
            // Waiting ends in an error at the deadline (nothing applied: time for a heartbeat)
            // or, before it, when the node cannot apply (stopping): then the client is better
            // served elsewhere.
            guard ContinuousClock.now >= heartbeatDue else {
                logger.notice("watch of \(filter.tenant) stopped: this node cannot follow its log: \(error)")
                return .stop
            }
            return .heartbeatDue
        }
    }

    /// Whether the request's task is cancelled or the server is shutting down.
    private static var stopping: Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
    }

    /// What one read of the event log gives the client, and where the cursor goes next.
    private struct WatchPage {
        var buffer = ByteBuffer()
        var cursor: UInt64
        /// How many events `buffer` holds.
        var events = 0
    }

    /// Reads the events in `(cursor, applied]` (at most `pageSize`) in one read transaction and
    /// encodes those the filter selects. When events the client has not seen were pruned, the
    /// page is one `resync` event instead, and the cursor jumps to `applied`: the client must
    /// refetch the configuration, then gets every later event.
    private func read(after cursor: UInt64, upTo applied: UInt64) throws -> WatchPage {
        // Tables are opened before the transaction: the first open on a freshly installed
        // snapshot needs a write transaction of its own.
        let environment = consensus.stateStore.environment
        let log = EventLog(try ConfigTables(in: environment).events)
        return try environment.read { transaction in
            let floor = try log.floor(in: transaction)
            guard cursor >= floor else {
                return WatchPage(
                    buffer: message(Self.resync(after: cursor, floor: floor, applied: applied)), cursor: applied,
                    events: 1)
            }
            let events = try log.events(after: cursor, upTo: applied, limit: Self.pageSize, in: transaction)
            var page = WatchPage(cursor: events.count == Self.pageSize ? events[events.count - 1].index : applied)
            for event in events where filter.matches(event) {
                ConfigPublishedEvent.message(for: event, tenant: filter.tenant, region: region).write(to: &page.buffer)
                page.events += 1
            }
            return page
        }
    }

    /// The `resync` event: its id is the index the stream continues after, so a client that
    /// reconnects after it does not get it again.
    static func resync(after cursor: UInt64, floor: UInt64, applied: UInt64) -> ServerSentEvent {
        let data: JSONValue = [
            "reason": "events-pruned",
            "detail": .string(
                "the events after index \(cursor) are no longer retained (only those after \(floor) are); "
                    + "refetch the configuration, later events follow"),
            "lastEventId": .integer(Int64(clamping: cursor)),
            "retainedAfter": .integer(Int64(clamping: floor)),
            "index": .integer(Int64(clamping: applied)),
        ]
        return .event(id: applied, type: "resync", data: data.canonicalBytes)
    }

    private func message(_ event: ServerSentEvent) -> ByteBuffer {
        var buffer = ByteBuffer()
        event.write(to: &buffer)
        return buffer
    }
}
