import Foundation
import KVStore
import Synchronization

@testable import ECSNode

/// A `ConsensusClient` without Raft: every proposal is applied at once, at the next index, to a
/// real LMDB environment through the real `ConfigStateMachine`. Tests can make it fail the way
/// a follower or a cluster without quorum does. Membership lives in `status().members` only:
/// changes are checked the way the Raft shell checks them and take the next index.
final class LocalConsensus: ConsensusClient {
    let stateStore: StateStore
    private let state: Mutex<State>

    private struct State {
        var appliedIndex: UInt64 = 0
        var proposeFailure: ConsensusError?
        var barrierFailure: ConsensusError?
        var catchUpAtNextBarrier: (@Sendable () throws -> Void)?
        var status: ECSNode.ClusterStatus
        var membershipChanges: [MembershipChange] = []
        var waitsInFlight = 0
    }

    init(_ environment: TestStateEnvironment, nodeName: String = "n1") {
        stateStore = StateStore(environment: environment.environment)
        let status = ECSNode.ClusterStatus(
            node: nodeName, region: "eu", role: "leader", term: 1, leader: nodeName, commitIndex: 0, appliedIndex: 0,
            members: [
                .init(
                    id: nodeName, raftAddr: "127.0.0.1:9081", httpAddr: "127.0.0.1:8081", role: "voter", matchIndex: 0,
                    healthy: true)
            ])
        state = Mutex(State(status: status))
    }

    /// Makes `propose`, `changeMembership` and `transferLeadership` (everything only a leader
    /// does) fail with `error` (or succeed again with `nil`).
    func failProposals(with error: ConsensusError?) {
        state.withLock { $0.proposeFailure = error }
    }

    /// Makes `linearizableReadBarrier` fail with `error` (or succeed again with `nil`).
    func failReadBarriers(with error: ConsensusError?) {
        state.withLock { $0.barrierFailure = error }
    }

    /// Changes what `status()` reports about leadership; a `commitIndex` beyond the applied index
    /// simulates a node still applying its backlog.
    func setStatus(leader: String?, role: String = "follower", commitIndex: UInt64? = nil) {
        state.withLock {
            $0.status.leader = leader
            $0.status.role = role
            if let commitIndex { $0.status.commitIndex = commitIndex }
        }
    }

    func propose(_ command: [UInt8]) async throws(ConsensusError) -> AppliedCommand {
        let environment = stateStore.environment
        let result: Result<AppliedCommand, ConsensusError> = state.withLock { state in
            if let failure = state.proposeFailure { return .failure(failure) }
            let index = state.appliedIndex + 1
            do {
                let outcome: CommandOutcome = try environment.write { transaction in
                    try ConfigStateMachine().apply(command, at: index, in: transaction, environment: environment)
                }
                state.appliedIndex = index
                state.status.appliedIndex = max(state.status.appliedIndex, index)
                state.status.commitIndex = max(state.status.commitIndex, index)
                return .success(AppliedCommand(outcome: outcome, index: index))
            } catch {
                fatalError("storage failed in a test: \(error)")
            }
        }
        return try result.get()
    }

    /// Every membership change applied so far, in order.
    var membershipChanges: [MembershipChange] {
        state.withLock { $0.membershipChanges }
    }

    func changeMembership(_ change: MembershipChange) async throws(ConsensusError) -> UInt64 {
        try state.withLock { state throws(ConsensusError) in
            if let failure = state.proposeFailure { throw failure }
            var members = state.status.members
            switch change {
            case .add(let record, let learner):
                guard !members.contains(where: { $0.id == record.name }) else {
                    throw .rejected(reason: "\(record.name) is already a member")
                }
                members.append(
                    .init(
                        id: record.name, raftAddr: record.raftAddress, httpAddr: record.httpAddress,
                        role: learner ? "learner" : "voter", matchIndex: 0, healthy: true))
            case .promote(let name):
                guard let position = members.firstIndex(where: { $0.id == name }) else {
                    throw .rejected(reason: "unknown member \(name)")
                }
                guard members[position].role == "learner" else { throw .rejected(reason: "\(name) is already a voter") }
                members[position].role = "voter"
            case .remove(let name):
                guard let position = members.firstIndex(where: { $0.id == name }) else {
                    throw .rejected(reason: "unknown member \(name)")
                }
                guard members[position].role == "learner" || members.count(where: { $0.role == "voter" }) > 1 else {
                    throw .rejected(reason: "\(name) is the last voter; a region needs at least one")
                }
                members.remove(at: position)
            }
            state.status.members = members
            state.membershipChanges.append(change)
            state.appliedIndex += 1
            state.status.appliedIndex = max(state.status.appliedIndex, state.appliedIndex)
            state.status.commitIndex = max(state.status.commitIndex, state.appliedIndex)
            return state.appliedIndex
        }
    }

    func transferLeadership(to node: String?) async throws(ConsensusError) -> String {
        try state.withLock { state throws(ConsensusError) in
            if let failure = state.proposeFailure { throw failure }
            let target = try state.status.transferTarget(named: node)
            state.status.leader = target
            state.status.role = "follower"
            return target
        }
    }

    /// Runs `catchUp` inside the next successful read barrier, before it returns: as if this node
    /// had been behind and applied what it missed while the barrier waited.
    func catchUpAtNextBarrier(_ catchUp: @escaping @Sendable () throws -> Void) {
        state.withLock { $0.catchUpAtNextBarrier = catchUp }
    }

    func linearizableReadBarrier() async throws(ConsensusError) -> UInt64 {
        let (index, catchUp) = try state.withLock { state throws(ConsensusError) in
            if let failure = state.barrierFailure { throw failure }
            defer { state.catchUpAtNextBarrier = nil }
            return (state.appliedIndex, state.catchUpAtNextBarrier)
        }
        do {
            try catchUp?()
        } catch {
            fatalError("storage failed in a test: \(error)")
        }
        return index
    }

    /// How many `waitUntilApplied` calls have not returned yet: a watch that outlives its
    /// client shows up here.
    var waitsInFlight: Int {
        state.withLock { $0.waitsInFlight }
    }

    /// Polls the applied index; a cancelled caller gets `.unavailable` at once (the Raft shell
    /// answers at the deadline instead).
    func waitUntilApplied(_ index: UInt64, timeout: Duration) async throws(ConsensusError) -> UInt64 {
        state.withLock { $0.waitsInFlight += 1 }
        defer { state.withLock { $0.waitsInFlight -= 1 } }
        let deadline = ContinuousClock.now + timeout
        while true {
            let applied = state.withLock { $0.appliedIndex }
            if applied >= index { return applied }
            guard ContinuousClock.now < deadline else {
                throw .unavailable(reason: "index \(index) not applied within \(timeout)")
            }
            do {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                throw .unavailable(reason: "the wait for index \(index) was cancelled")
            }
        }
    }

    func status() -> ECSNode.ClusterStatus {
        state.withLock { $0.status }
    }
}
