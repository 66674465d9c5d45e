import Foundation
import KVStore
import Logging
import Raft

/// The state the shell's thread owns alone: the Raft node, its durable log, the state
/// environment's writer and the requests waiting on them. See `RaftShell` for why it is a
/// thread; the `+Ready`, `+Apply`, `+Snapshots` and `+Status` files hold the rest of the loop.
final class ShellLoop {
    let identity: ShellIdentity
    let tuning: NodeConfiguration.Tuning
    let raft: RaftNode
    let log: any DurableRaftLog
    let stateStore: StateStore
    let generations: StateGenerations
    let snapshots: SnapshotFiles
    let applier: any CommandApplier
    let messenger: any PeerMessenger
    let logger: Logger

    /// What the state environment has applied (mirrors its `AppliedState` record).
    var applied: AppliedState
    /// Where every member can be reached, from the replicated members table.
    var members: [NodeID: MemberRecord]
    var pending = PendingRequests()
    /// Snapshot files received from the leader, waiting for Raft to accept them.
    var receivedSnapshots: [SnapshotFiles.Key: String] = [:]
    var lastSnapshotIndex: UInt64
    /// The snapshot being copied on another thread, if one is.
    var capture: SnapshotCapture?
    /// Queues an event for this loop from another thread (the shell's `enqueue`, once running).
    var shellInbox: @Sendable (ShellEvent) -> Void = { _ in }
    var role: Role = .follower
    var leader: NodeID?
    /// A proposal announcing this node's addresses is in flight until this instant.
    var registrationInFlightUntil: ContinuousClock.Instant?
    /// Membership changes and transfers waiting for their effect.
    var membershipWaiters: [MembershipWaiter] = []
    var transferWaiters: [TransferWaiter] = []
    var stopping = false
    /// Waits cancelled before they reached the loop (see `.cancelWait`); bounded (emptied when
    /// full), since a cancellation that arrives after its wait ended is never matched.
    var cancelledWaits: Set<UInt64> = []
    /// A hard state whose only change is the commit index, not yet written (see `process`).
    var deferredHardState: HardState?

    init(
        identity: ShellIdentity, tuning: NodeConfiguration.Tuning, raft: RaftNode, log: any DurableRaftLog,
        stateStore: StateStore, generations: StateGenerations, snapshots: SnapshotFiles, applier: any CommandApplier,
        messenger: any PeerMessenger, applied: AppliedState, members: [NodeID: MemberRecord], logger: Logger
    ) {
        self.identity = identity
        self.tuning = tuning
        self.raft = raft
        self.log = log
        self.stateStore = stateStore
        self.generations = generations
        self.snapshots = snapshots
        self.applier = applier
        self.messenger = messenger
        self.applied = applied
        self.members = members
        self.lastSnapshotIndex = (try? log.snapshot().metadata.index) ?? 0
        self.logger = logger
    }

    /// The loop: wait for events or the next tick, handle them, drain every `Ready`, publish.
    func run(shell: RaftShell) {
        shellInbox = { [weak shell] event in shell?.enqueue(event) }
        let tickInterval = Duration.milliseconds(tuning.tickMilliseconds)
        var nextTick = ContinuousClock.now + tickInterval
        while !stopping {
            let events = shell.takeEvents(waitingUpTo: nextTick - ContinuousClock.now)
            for event in events { handle(event) }
            let now = ContinuousClock.now
            while nextTick <= now {
                raft.tick()
                nextTick += tickInterval
            }
            if nextTick - now > tickInterval { nextTick = now + tickInterval }
            expireWaiters(now: now)
            while raft.hasReady { process(raft.ready()) }
            announceSelfIfNeeded(now: now)
            let state = publishedState()
            shell.publish(state)
            RaftMetrics.shared.observe(state.status)
        }
        shutDown()
        shell.publish(publishedState())
    }

    private func handle(_ event: ShellEvent) {
        switch event {
        case .propose(let requestID, let command, let continuation):
            guard role == .leader else {
                continuation.resume(returning: .failure(.notLeader(leaderHTTPAddress: leaderHTTPAddress)))
                return
            }
            pending.addProposal(requestID, continuation, deadline: .now + RaftShell.proposalTimeout)
            do {
                try raft.propose(EntryPayload.command(requestID: requestID, body: command).encoded())
            } catch {
                pending.failProposal(requestID, .unavailable(reason: "the leader refused the proposal (\(error))"))
            }
        case .read(let requestID, let continuation):
            pending.addRead(requestID, continuation, deadline: .now + RaftShell.readTimeout)
            do {
                try raft.readIndex(context: BigEndianKey.encode(requestID))
            } catch {
                pending.failRead(requestID, .unavailable(reason: "the read cannot be confirmed now (\(error))"))
            }
        case .waitApplied(let waiter):
            if applied.index >= waiter.index {
                waiter.continuation.resume(returning: .success(applied.index))
            } else if cancelledWaits.remove(waiter.id) != nil {
                waiter.continuation.resume(returning: .failure(.unavailable(reason: "the wait was cancelled")))
            } else {
                pending.addIndexWaiter(waiter)
            }
        case .cancelWait(let id):
            // The cancellation may overtake the wait it cancels (two threads enqueue them).
            if !pending.cancelIndexWaiter(id) {
                if cancelledWaits.count >= 1024 { cancelledWaits.removeAll() }
                cancelledWaits.insert(id)
            }
        case .messages(let messages):
            for message in messages {
                do {
                    try raft.step(message)
                } catch {
                    logger.debug("dropped a \(message.type) from \(message.from): \(error)")
                }
            }
        case .unreachable(let peer):
            raft.reportUnreachable(peer)
        case .snapshotReceived(let message, let file):
            if let snapshot = message.snapshot {
                receivedSnapshots[SnapshotFiles.Key(snapshot.metadata)] = file
            }
            do {
                try raft.step(message)
            } catch {
                logger.debug("dropped a snapshot from \(message.from): \(error)")
            }
        case .snapshotSent(let peer, let success):
            raft.reportSnapshot(to: peer, status: success ? .finished : .failed)
        case .snapshotCaptured(let result):
            snapshotCaptured(result)
        case .changeMembership(let change, let continuation):
            proposeMembershipChange(change, continuation)
        case .transferLeadership(let target, let continuation):
            do {
                try raft.transferLeadership(to: target)
                transferWaiters.append(
                    TransferWaiter(target: target, continuation: continuation, deadline: .now + .seconds(5)))
            } catch {
                continuation.resume(returning: .failure(.unavailable(reason: "cannot transfer leadership: \(error)")))
            }
        case .stop:
            stopping = true
        }
    }

    private func expireWaiters(now: ContinuousClock.Instant) {
        pending.expire(now: now)
        membershipWaiters.removeAll { waiter in
            guard waiter.deadline <= now else { return false }
            waiter.continuation.resume(
                returning: .failure(.outcomeUnknown(reason: "the membership change was not applied in time")))
            return true
        }
        transferWaiters.removeAll { waiter in
            guard waiter.deadline <= now else { return false }
            waiter.continuation.resume(returning: .failure(.unavailable(reason: "leadership did not move in time")))
            return true
        }
    }

    /// The leader's HTTP address, for followers' `notLeader` answers.
    var leaderHTTPAddress: String? {
        leader.flatMap { members[$0]?.httpAddress }
    }

    private func shutDown() {
        let error = ConsensusError.unavailable(reason: "the node is shutting down")
        pending.failAll(error)
        for waiter in membershipWaiters { waiter.continuation.resume(returning: .failure(error)) }
        for waiter in transferWaiters { waiter.continuation.resume(returning: .failure(error)) }
        membershipWaiters.removeAll()
        transferWaiters.removeAll()
        // A snapshot still being copied holds the state environment: let it finish first.
        if let capture, capture.finished.wait(timeout: .now() + .seconds(60)) == .timedOut {
            logger.warning("stopping while a snapshot is still being copied")
        }
        persistDeferredHardState()
        do {
            try stateStore.environment.sync()
        } catch {
            logger.error("could not flush the state to disk while stopping: \(error)")
        }
        do {
            try log.checkpoint()
        } catch {
            logger.error(
                "could not checkpoint the Raft log's journal while stopping (the next start replays it): \(error)")
        }
    }
}

/// A snapshot being copied on another thread: when it began, and a signal for its end.
struct SnapshotCapture {
    let started: ContinuousClock.Instant
    let finished: DispatchSemaphore
}

/// Who this node is, as the loop needs it.
struct ShellIdentity: Sendable {
    var name: String
    var raftID: NodeID
    var region: String
    var record: MemberRecord
    /// Names of the initial peers by Raft id, for status before the members table knows them.
    var initialPeers: [NodeID: (name: String, address: HostPort)]
}
