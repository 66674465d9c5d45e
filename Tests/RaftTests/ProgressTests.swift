import Testing

@testable import Raft

@Suite struct ProgressTests {
    private func progress(match: UInt64 = 0, next: UInt64, maxCount: Int = 3, maxBytes: UInt64 = .max) -> Progress {
        Progress(
            match: match, next: next, isLearner: false, inflights: Inflights(maxCount: maxCount, maxBytes: maxBytes))
    }

    @Test("inflights are bounded by count and freed by acknowledgement")
    func inflightsCount() {
        var inflights = Inflights(maxCount: 2, maxBytes: .max)
        inflights.add(lastIndex: 5, bytes: 10)
        #expect(!inflights.isFull)
        inflights.add(lastIndex: 7, bytes: 10)
        #expect(inflights.isFull)
        inflights.free(through: 6)
        #expect(inflights.count == 1)
        #expect(!inflights.isFull)
        inflights.free(through: 7)
        #expect(inflights.count == 0)
        #expect(inflights.bytes == 0)
    }

    @Test("inflights are bounded by bytes")
    func inflightsBytes() {
        var inflights = Inflights(maxCount: 100, maxBytes: 100)
        inflights.add(lastIndex: 1, bytes: 60)
        #expect(!inflights.isFull)
        inflights.add(lastIndex: 2, bytes: 60)
        #expect(inflights.isFull)
        inflights.free(through: 1)
        #expect(inflights.bytes == 60)
        #expect(!inflights.isFull)
    }

    @Test("probe sends one message at a time; an acknowledgement switches to replicate")
    func probeToReplicate() {
        var peer = progress(next: 5)
        #expect(!peer.isPaused)
        peer.sentAppend(entryCount: 2, lastIndex: 6, bytes: 2)
        #expect(peer.isPaused)
        let advanced = peer.acknowledge(through: 6)
        #expect(advanced)
        peer.becomeReplicate()
        #expect(peer.next == 7)
        peer.sentAppend(entryCount: 3, lastIndex: 9, bytes: 3)
        #expect(peer.next == 10)
        #expect(peer.inflightCount == 1)
    }

    @Test("a full window pauses replicate; a lifted pause lets only an empty append out until the window frees")
    func fullWindowThrottles() {
        var peer = progress(match: 5, next: 6, maxCount: 1)
        peer.becomeReplicate()
        peer.sentAppend(entryCount: 2, lastIndex: 7, bytes: 2)
        #expect(peer.isPaused)
        #expect(peer.isThrottled)
        peer.isFlowPaused = false  // what a heartbeat response does
        #expect(!peer.isPaused)
        #expect(peer.isThrottled)
        peer.sentAppend(entryCount: 0, lastIndex: 7, bytes: 0)
        #expect(peer.isPaused)
        #expect(peer.next == 8)
        let advanced = peer.acknowledge(through: 7)
        #expect(advanced)
        peer.inflights.free(through: 7)
        #expect(!peer.isPaused)
        #expect(!peer.isThrottled)
    }

    @Test("rejections move next back using the hint, and stale rejections are ignored")
    func rejections() {
        var probing = progress(match: 2, next: 10)
        let staleAccepted = probing.rejected(at: 5, hintIndex: 4)  // answers an older probe
        #expect(!staleAccepted)
        let hintAccepted = probing.rejected(at: 9, hintIndex: 4)
        #expect(hintAccepted)
        #expect(probing.next == 5)
        _ = probing.rejected(at: 4, hintIndex: 0)
        #expect(probing.next == 3)  // never below match + 1

        var replicating = progress(match: 5, next: 6)
        replicating.becomeReplicate()
        replicating.sentAppend(entryCount: 4, lastIndex: 9, bytes: 4)
        let belowMatchAccepted = replicating.rejected(at: 4, hintIndex: 4)
        #expect(!belowMatchAccepted)
        let inWindowAccepted = replicating.rejected(at: 7, hintIndex: 6)
        #expect(inWindowAccepted)
        #expect(replicating.next == 6)
    }

    @Test("snapshot state pauses sending; the report decides where probing resumes")
    func snapshotReports() {
        var succeeded = progress(match: 3, next: 4)
        succeeded.becomeSnapshot(pendingIndex: 20)
        #expect(succeeded.isPaused)
        succeeded.snapshotFinished(.finished)
        #expect(succeeded.state == .probe)
        #expect(succeeded.next == 21)

        var failed = progress(match: 3, next: 4)
        failed.becomeSnapshot(pendingIndex: 20)
        failed.snapshotFinished(.failed)
        #expect(failed.next == 4)
    }
}
