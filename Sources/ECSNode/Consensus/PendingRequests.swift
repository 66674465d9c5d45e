import Foundation

/// Requests waiting for the shell: proposals until they are applied, reads until their read
/// index is applied, and `minIndex` reads until an index is applied. Owned by the shell's
/// thread; every waiter is resumed exactly once — with its answer, or with an error when its
/// deadline passes or the node stops.
struct PendingRequests {
    typealias ProposalResult = Result<AppliedCommand, ConsensusError>
    typealias IndexContinuation = CheckedContinuation<Result<UInt64, ConsensusError>, Never>

    struct Proposal {
        var continuation: ProposalReply
        var deadline: ContinuousClock.Instant
        /// Where the leader appended it, once known. A different entry applied there means this
        /// one was overwritten by a new leader and certainly never applied.
        var index: UInt64?
    }

    struct IndexWaiter {
        /// Names the waiter for `cancelIndexWaiter`.
        var id: UInt64
        var continuation: IndexContinuation
        var deadline: ContinuousClock.Instant
        var index: UInt64
    }

    private(set) var proposals: [UInt64: Proposal] = [:]
    private var proposalAtIndex: [UInt64: UInt64] = [:]
    /// Reads waiting for the leader to confirm a read index, by request id.
    private var readsAwaitingIndex: [UInt64: (IndexContinuation, ContinuousClock.Instant)] = [:]
    /// Reads and `minIndex` waits whose index is known, waiting for it to be applied.
    private var awaitingApply: [IndexWaiter] = []

    mutating func addProposal(_ id: UInt64, _ continuation: ProposalReply, deadline: ContinuousClock.Instant) {
        proposals[id] = Proposal(continuation: continuation, deadline: deadline)
    }

    /// The leader appended the proposal `id` at `index`.
    mutating func noteAppended(_ id: UInt64, at index: UInt64) {
        guard proposals[id] != nil else { return }
        proposals[id]?.index = index
        proposalAtIndex[index] = id
    }

    /// The entry at `index` was applied; it carried `requestID` (nil for entries without one).
    /// Returns the proposal it completes, and resumes a different proposal expected there.
    mutating func takeApplied(index: UInt64, requestID: UInt64?) -> ProposalReply? {
        if let expected = proposalAtIndex.removeValue(forKey: index), expected != requestID,
            let lost = proposals.removeValue(forKey: expected)
        {
            lost.continuation.resume(
                returning: .failure(.unavailable(reason: "leadership changed before the write was committed")))
        }
        guard let requestID, let proposal = proposals.removeValue(forKey: requestID) else { return nil }
        if let index = proposal.index { proposalAtIndex[index] = nil }
        return proposal.continuation
    }

    mutating func failProposal(_ id: UInt64, _ error: ConsensusError) {
        guard let proposal = proposals.removeValue(forKey: id) else { return }
        if let index = proposal.index { proposalAtIndex[index] = nil }
        proposal.continuation.resume(returning: .failure(error))
    }

    mutating func addRead(_ id: UInt64, _ continuation: IndexContinuation, deadline: ContinuousClock.Instant) {
        readsAwaitingIndex[id] = (continuation, deadline)
    }

    mutating func failRead(_ id: UInt64, _ error: ConsensusError) {
        readsAwaitingIndex.removeValue(forKey: id)?.0.resume(returning: .failure(error))
    }

    /// The leader confirmed read `id` at `index`: it now waits for that index to be applied.
    mutating func readIndexConfirmed(_ id: UInt64, index: UInt64) {
        guard let (continuation, deadline) = readsAwaitingIndex.removeValue(forKey: id) else { return }
        awaitingApply.append(IndexWaiter(id: id, continuation: continuation, deadline: deadline, index: index))
    }

    mutating func addIndexWaiter(_ waiter: IndexWaiter) {
        awaitingApply.append(waiter)
    }

    /// Ends the wait of waiter `id` (its caller went away); `false` when no such waiter waits.
    mutating func cancelIndexWaiter(_ id: UInt64) -> Bool {
        guard let position = awaitingApply.firstIndex(where: { $0.id == id }) else { return false }
        awaitingApply.remove(at: position).continuation.resume(
            returning: .failure(.unavailable(reason: "the wait was cancelled")))
        return true
    }

    /// Resumes every waiter whose index is now applied.
    mutating func applied(through appliedIndex: UInt64) {
        guard !awaitingApply.isEmpty else { return }
        awaitingApply.removeAll { waiter in
            guard waiter.index <= appliedIndex else { return false }
            waiter.continuation.resume(returning: .success(appliedIndex))
            return true
        }
    }

    /// Fails every waiter whose deadline has passed.
    mutating func expire(now: ContinuousClock.Instant) {
        for (id, proposal) in proposals where proposal.deadline <= now {
            failProposal(
                id,
                proposal.index == nil
                    ? .unavailable(reason: "the write was not accepted in time")
                    : .outcomeUnknown(reason: "the write was proposed but not applied in time"))
        }
        for (id, read) in readsAwaitingIndex where read.1 <= now {
            readsAwaitingIndex[id] = nil
            read.0.resume(returning: .failure(.unavailable(reason: "the leader did not confirm the read in time")))
        }
        awaitingApply.removeAll { waiter in
            guard waiter.deadline <= now else { return false }
            waiter.continuation.resume(
                returning: .failure(.unavailable(reason: "index \(waiter.index) was not applied in time")))
            return true
        }
    }

    /// Fails everything (the node is stopping, or stepped down for reads).
    mutating func failAll(_ error: ConsensusError) {
        for id in Array(proposals.keys) { failProposal(id, error) }
        failReads(error)
        for waiter in awaitingApply { waiter.continuation.resume(returning: .failure(error)) }
        awaitingApply.removeAll()
    }

    /// Fails reads still waiting for a read index (a leader change loses them).
    mutating func failReads(_ error: ConsensusError) {
        for (_, read) in readsAwaitingIndex { read.0.resume(returning: .failure(error)) }
        readsAwaitingIndex.removeAll()
    }
}

/// Where a proposal's result goes: a caller suspended on its continuation, or one slot of an
/// ordered batch (`RaftShell.propose(inOrder:)`), which answers once every slot is filled.
struct ProposalReply: Sendable {
    let deliver: @Sendable (PendingRequests.ProposalResult) -> Void

    /// A reply that first reports the proposal's outcome, and its latency from now to that
    /// outcome, to `RaftMetrics`.
    static func measured(_ deliver: @escaping @Sendable (PendingRequests.ProposalResult) -> Void) -> ProposalReply {
        let started = ContinuousClock.now
        return ProposalReply { result in
            RaftMetrics.shared.proposalFinished(result, after: .now - started)
            deliver(result)
        }
    }

    /// Hands over the result; called exactly once, like a continuation's `resume`.
    func resume(returning result: PendingRequests.ProposalResult) {
        deliver(result)
    }
}
