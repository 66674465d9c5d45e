import Raft
import Testing

@testable import PeerTransport

/// The rules of one peer's outbound queue, without sockets.
@Suite("OutboundQueueState")
struct NetworkOutboundQueueTests {
    let batch = [appendMessage(from: 1, to: 2, index: 1)]

    @Test("batches queue while dialing and wake the writer only on a live, idle connection")
    func queuesWhileConnecting() {
        var queue = OutboundQueueState(maxMessages: 10, maxBytes: 1 << 20)
        #expect(queue.enqueue(batch) == .queued(wake: false))
        let pending = queue.connected()
        #expect(pending)
        #expect(queue.enqueue(batch) == .queued(wake: false))  // Already signalled.
        #expect(queue.takeAll().count == 2)
        #expect(queue.enqueue(batch) == .queued(wake: true))
        #expect(queue.enqueue(batch) == .queued(wake: false))
    }

    @Test("a full queue drops the newest batch and reports once until the writer catches up")
    func overflowDropsNewest() {
        var queue = OutboundQueueState(maxMessages: 3, maxBytes: 1 << 20)
        _ = queue.connected()
        for index in 0..<3 {
            #expect(queue.enqueue([appendMessage(from: 1, to: 2, index: UInt64(index))]) != .dropped(report: true))
        }
        #expect(queue.enqueue(batch) == .dropped(report: true))
        #expect(queue.enqueue(batch) == .dropped(report: false))
        #expect(queue.takeAll().map { $0[0].index } == [0, 1, 2])
        #expect(queue.enqueue(batch) == .queued(wake: true))
    }

    @Test("the byte limit applies too, but an empty queue always takes one batch")
    func byteLimit() {
        var queue = OutboundQueueState(maxMessages: 100, maxBytes: 1000)
        _ = queue.connected()
        let big = [appendMessage(from: 1, to: 2, index: 1, payload: 5000)]
        #expect(queue.enqueue(big) == .queued(wake: true))
        #expect(queue.enqueue(batch) == .dropped(report: true))
    }

    @Test("a failed dial reports only if messages were waiting; drops while waiting report once per attempt")
    func unreachableReports() {
        var queue = OutboundQueueState(maxMessages: 10, maxBytes: 1 << 20)
        let reportedEmpty = queue.attemptFailed()
        #expect(!reportedEmpty)  // Nothing was waiting: nothing to report.
        #expect(queue.enqueue(batch) == .dropped(report: true))
        #expect(queue.enqueue(batch) == .dropped(report: false))
        queue.beginAttempt()
        #expect(queue.enqueue(batch) == .queued(wake: false))
        let reported = queue.attemptFailed()
        #expect(reported)
        #expect(queue.enqueue(batch) == .dropped(report: false))
        #expect(queue.batches.isEmpty)
    }

    @Test("a lost connection is reported once and drops what waited")
    func connectionLost() {
        var queue = OutboundQueueState(maxMessages: 10, maxBytes: 1 << 20)
        _ = queue.connected()
        _ = queue.enqueue(batch)
        let reported = queue.connectionLost()
        #expect(reported)
        #expect(queue.batches.isEmpty && queue.queuedMessages == 0 && queue.queuedBytes == 0)
        #expect(queue.enqueue(batch) == .dropped(report: false))
    }

    @Test("a closed queue drops silently, forever")
    func closed() {
        var queue = OutboundQueueState(maxMessages: 10, maxBytes: 1 << 20)
        _ = queue.enqueue(batch)
        queue.close()
        queue.beginAttempt()
        let pending = queue.connected()
        #expect(!pending)
        #expect(queue.enqueue(batch) == .dropped(report: false))
        #expect(queue.phase == .closed)
    }
}
