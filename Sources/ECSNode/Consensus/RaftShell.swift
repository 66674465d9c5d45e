import Dispatch
import Foundation
import Raft
import Synchronization

/// The node's Raft shell: one dedicated thread owns the `RaftNode`, the durable log and the
/// state environment's writer, and runs etcd's loop — persist, send, apply, advance — while
/// the HTTP layer talks to it through this `ConsensusClient` face.
///
/// A thread rather than an actor, because every round does blocking LMDB commits (an fsync
/// each) that must not occupy one of the few threads of Swift's cooperative pool. Requests
/// reach the loop as `ShellEvent`s and wait on continuations the loop resumes.
final class RaftShell: ConsensusClient, Sendable {
    let stateStore: StateStore
    private let inbox = Mutex<[ShellEvent]>([])
    private let wakeUp = DispatchSemaphore(value: 0)
    private let published: Mutex<PublishedState>
    private let stopped = DispatchSemaphore(value: 0)
    private let requestIDs = Mutex(SystemRandomNumberGenerator())

    /// How long a proposal may wait for its outcome before the caller is told it is unknown.
    static let proposalTimeout: Duration = .seconds(10)
    /// How long a linearizable read may wait for the leader's confirmation.
    static let readTimeout: Duration = .seconds(5)

    /// Starts the loop on its own thread. `loop` is handed over: nothing else may touch it.
    init(loop: ShellLoop) {
        self.stateStore = loop.stateStore
        self.published = Mutex(loop.publishedState())
        let handOver = LoopHandOver(loop: loop)
        let thread = Thread { [self] in
            handOver.loop.run(shell: self)
            stopped.signal()
        }
        thread.name = "raft-shell"
        thread.stackSize = 8 << 20
        thread.start()
    }

    // MARK: - Used by the loop

    /// Takes every queued event, waiting up to `timeout` for the first one.
    func takeEvents(waitingUpTo timeout: Duration) -> [ShellEvent] {
        let nanoseconds = max(
            0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
        return inbox.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }

    func publish(_ state: PublishedState) {
        published.withLock { $0 = state }
    }

    // MARK: - Inputs

    func enqueue(_ event: ShellEvent) {
        inbox.withLock { $0.append(event) }
        wakeUp.signal()
    }

    private func nextRequestID() -> UInt64 {
        requestIDs.withLock { generator in
            var id: UInt64 = 0
            while id == 0 { id = generator.next() }
            return id
        }
    }

    func propose(_ command: [UInt8]) async throws(ConsensusError) -> AppliedCommand {
        let state = published.withLock { $0 }
        guard state.isLeader else { throw .notLeader(leaderHTTPAddress: state.leaderHTTPAddress) }
        let requestID = nextRequestID()
        let result = await withCheckedContinuation { continuation in
            enqueue(
                .propose(
                    requestID: requestID, command: command,
                    ProposalReply.measured { continuation.resume(returning: $0) }))
        }
        return try result.get()
    }

    /// Proposes `commands` one after another without waiting for each to commit: they enter the
    /// shell's inbox in order, so a leader appends them to the log in order (pipelined, one
    /// round of replication for many). Returns each one's result in the same order.
    func propose(inOrder commands: [[UInt8]]) async -> [PendingRequests.ProposalResult] {
        guard !commands.isEmpty else { return [] }
        let state = published.withLock { $0 }
        guard state.isLeader else {
            return commands.map { _ in .failure(.notLeader(leaderHTTPAddress: state.leaderHTTPAddress)) }
        }
        return await withCheckedContinuation { continuation in
            let slots = Mutex(OrderedResults(count: commands.count))
            for (slot, command) in commands.enumerated() {
                let reply = ProposalReply.measured { result in
                    if let all = slots.withLock({ $0.fill(slot, with: result) }) { continuation.resume(returning: all) }
                }
                enqueue(.propose(requestID: nextRequestID(), command: command, reply))
            }
        }
    }

    func linearizableReadBarrier() async throws(ConsensusError) -> UInt64 {
        let state = published.withLock { $0 }
        guard state.status.leader != nil else { throw .unavailable(reason: "no leader is known") }
        let requestID = nextRequestID()
        let result = await withCheckedContinuation { continuation in
            enqueue(.read(requestID: requestID, continuation))
        }
        return try result.get()
    }

    func waitUntilApplied(_ index: UInt64, timeout: Duration) async throws(ConsensusError) -> UInt64 {
        let applied = published.withLock { $0.appliedIndex }
        if applied >= index { return applied }
        let deadline = ContinuousClock.now + timeout
        let id = nextRequestID()
        // A cancelled caller (a watch whose client left, a server shutting down) ends its wait at
        // once instead of at the deadline.
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                enqueue(.waitApplied(.init(id: id, continuation: continuation, deadline: deadline, index: index)))
            }
        } onCancel: {
            enqueue(.cancelWait(id))
        }
        return try result.get()
    }

    func status() -> ClusterStatus {
        published.withLock { $0.status }
    }

    func changeMembership(_ change: MembershipChange) async throws(ConsensusError) -> UInt64 {
        let state = published.withLock { $0 }
        guard state.isLeader else { throw .notLeader(leaderHTTPAddress: state.leaderHTTPAddress) }
        let result = await withCheckedContinuation { continuation in
            enqueue(.changeMembership(change, continuation))
        }
        return try result.get()
    }

    func transferLeadership(to node: String?) async throws(ConsensusError) -> String {
        let state = published.withLock { $0 }
        guard state.isLeader else { throw .notLeader(leaderHTTPAddress: state.leaderHTTPAddress) }
        let target = try state.status.transferTarget(named: node)
        let result = await withCheckedContinuation { continuation in
            enqueue(.transferLeadership(to: NodeNaming.raftID(forNode: target), continuation))
        }
        _ = try result.get()
        return target
    }

    /// Stops the loop: waiters fail with `.unavailable`, the state is synced to disk.
    func stop() async {
        enqueue(.stop)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [stopped] in
                stopped.wait()
                stopped.signal()
                continuation.resume()
            }
        }
    }
}

/// Carries the loop object into its thread.
private struct LoopHandOver: @unchecked Sendable {
    // @unchecked: the loop is created by the starting thread and used by the shell thread only
    // after the hand-over; the starting thread keeps no reference to it.
    let loop: ShellLoop
}
