import Foundation
import KVStore
import PeerTransport
import Raft

extension ShellLoop {
    /// One applied entry and, for a command, the proposal it carried and the state machine's
    /// answer, delivered to the proposal's waiter after the commit.
    private struct AppliedEntry {
        var index: UInt64
        var answer: (requestID: UInt64, outcome: CommandOutcome)?
    }

    /// Applies committed entries in ONE write transaction of the state environment together
    /// with the new `AppliedState`, so each entry takes effect exactly once across crashes.
    ///
    /// Entries at or below the applied index are skipped (a restart re-delivers the entries after
    /// the log's snapshot point, and an installed snapshot may already contain them) — except
    /// that Raft itself must still hear of every configuration change it re-delivers.
    func apply(_ entries: [Raft.Entry]) {
        guard let last = entries.last else { return }
        var confState = applied.confState
        for entry in entries where entry.kind == .confChange {
            guard let change = try? ConfChange(decoding: entry.data) else {
                logger.error("entry \(entry.index) holds a configuration change this build cannot read; skipped")
                continue
            }
            do {
                confState = try raft.applyConfChange(change)
            } catch {
                logger.error("configuration change at \(entry.index) refused by Raft: \(error)")
            }
        }
        let fresh = entries.filter { $0.index > applied.index }
        guard !fresh.isEmpty else { return }
        let newState = AppliedState(index: last.index, term: last.term, confState: confState)
        var results: [AppliedEntry] = []
        var newMembers = members
        let environment = stateStore.environment
        do {
            try environment.write { transaction in
                results = []
                newMembers = members
                for entry in fresh {
                    results.append(
                        try applyOne(entry, in: transaction, environment: environment, members: &newMembers))
                }
                try newState.store(in: transaction, in: environment)
            }
        } catch {
            fatalError("ecs-node: cannot apply entries \(fresh[0].index)...\(last.index), stopping: \(error)")
        }
        let membersChanged = newMembers != members
        applied = newState
        members = newMembers
        if membersChanged { messenger.updatePeers(peerAddresses()) }
        for result in results {
            guard let continuation = pending.takeApplied(index: result.index, requestID: result.answer?.requestID),
                let answer = result.answer
            else { continue }
            continuation.resume(returning: .success(AppliedCommand(outcome: answer.outcome, index: result.index)))
        }
        for (position, waiter) in membershipWaiters.enumerated().reversed() {
            guard let index = waiter.index, index <= applied.index else { continue }
            waiter.continuation.resume(returning: .success(index))
            membershipWaiters.remove(at: position)
        }
    }

    private func applyOne(
        _ entry: Raft.Entry, in transaction: WriteTransaction, environment: Environment,
        members: inout [NodeID: MemberRecord]
    ) throws -> AppliedEntry {
        switch entry.kind {
        case .confChange:
            guard let change = try? ConfChange(decoding: entry.data) else {
                return AppliedEntry(index: entry.index)
            }
            try recordMembership(change, in: transaction, environment: environment, members: &members)
            return AppliedEntry(index: entry.index)
        case .normal:
            let payload: EntryPayload?
            do {
                payload = try EntryPayload.decode(entry.data)
            } catch {
                logger.error("entry \(entry.index) skipped: \(error)")
                return AppliedEntry(index: entry.index)
            }
            switch payload {
            case nil:
                return AppliedEntry(index: entry.index)
            case .command(let requestID, let body):
                let outcome = try applier.apply(body, at: entry.index, in: transaction, environment: environment)
                return AppliedEntry(index: entry.index, answer: (requestID, outcome))
            case .memberRecord(_, let body):
                if let record = try? JSONDecoder().decode(MemberRecord.self, from: Data(body)) {
                    let id = NodeNaming.raftID(forNode: record.name)
                    try MemberDirectory.store(record, for: id, in: transaction, environment: environment)
                    members[id] = record
                }
                // Announcements are proposed without a waiter (request id 0).
                return AppliedEntry(index: entry.index)
            }
        }
    }

    /// A configuration change's context carries the `MemberRecord` of the node it adds; a
    /// removal deletes the record.
    private func recordMembership(
        _ change: ConfChange, in transaction: WriteTransaction, environment: Environment,
        members: inout [NodeID: MemberRecord]
    ) throws {
        let record = try? JSONDecoder().decode(MemberRecord.self, from: Data(change.context))
        for step in change.steps {
            switch step.operation {
            case .addVoter, .addLearner:
                guard let record, NodeNaming.raftID(forNode: record.name) == step.nodeID else { continue }
                try MemberDirectory.store(record, for: step.nodeID, in: transaction, environment: environment)
                members[step.nodeID] = record
            case .removeNode:
                try MemberDirectory.remove(step.nodeID, in: transaction, environment: environment)
                members[step.nodeID] = nil
            }
        }
    }

    /// Peer addresses: the initial peers of the flags, overridden by the replicated records.
    func peerAddresses() -> [NodeID: PeerAddress] {
        var addresses: [NodeID: PeerAddress] = [:]
        for (id, peer) in identity.initialPeers where id != identity.raftID {
            addresses[id] = PeerAddress(host: peer.address.host, port: peer.address.port)
        }
        for (id, record) in members where id != identity.raftID {
            if let address = try? HostPort(parsing: record.raftAddress, flag: "members") {
                addresses[id] = PeerAddress(host: address.host, port: address.port)
            }
        }
        return addresses
    }

    /// Proposes this node's `MemberRecord` when the replicated table does not have it yet (first
    /// start, or the addresses changed), so that followers can forward to it when it leads.
    func announceSelfIfNeeded(now: ContinuousClock.Instant) {
        guard leader != nil, members[identity.raftID] != identity.record,
            registrationInFlightUntil.map({ $0 <= now }) ?? true,
            applied.confState.voters.contains(identity.raftID) || applied.confState.learners.contains(identity.raftID)
        else { return }
        guard let body = try? JSONEncoder().encode(identity.record) else { return }
        registrationInFlightUntil = now + .seconds(3)
        try? raft.propose(EntryPayload.memberRecord(requestID: 0, body: Array(body)).encoded())
    }

    /// Proposes a configuration change; its waiter learns the entry's index from the next `Ready`.
    func proposeMembershipChange(_ request: MembershipChange, _ continuation: PendingRequests.IndexContinuation) {
        guard role == .leader else {
            continuation.resume(returning: .failure(.notLeader(leaderHTTPAddress: leaderHTTPAddress)))
            return
        }
        let change: ConfChange
        switch confChange(for: request) {
        case .success(let built): change = built
        case .failure(let error):
            continuation.resume(returning: .failure(error))
            return
        }
        do {
            try raft.proposeConfChange(change)
            membershipWaiters.append(
                MembershipWaiter(index: nil, continuation: continuation, deadline: .now + RaftShell.proposalTimeout))
        } catch {
            continuation.resume(returning: .failure(.unavailable(reason: "membership change refused: \(error)")))
        }
    }

    /// The configuration change that carries out `request`, checked against the membership.
    private func confChange(for request: MembershipChange) -> Result<ConfChange, ConsensusError> {
        let confState = applied.confState
        let everyone = confState.voters.union(confState.learners)
        switch request {
        case .add(let record, let learner):
            let id = NodeNaming.raftID(forNode: record.name)
            guard !everyone.contains(id) else {
                return .failure(.rejected(reason: "\(record.name) is already a member"))
            }
            guard let context = try? JSONEncoder().encode(record) else {
                return .failure(.rejected(reason: "the member record cannot be encoded"))
            }
            return .success(ConfChange(steps: [.init(learner ? .addLearner : .addVoter, id)], context: Array(context)))
        case .promote(let name):
            let id = NodeNaming.raftID(forNode: name)
            guard everyone.contains(id) else { return .failure(.rejected(reason: "unknown member \(name)")) }
            guard confState.learners.contains(id) else {
                return .failure(.rejected(reason: "\(name) is already a voter"))
            }
            let context = members[id].flatMap { try? JSONEncoder().encode($0) }.map(Array.init) ?? []
            return .success(ConfChange(steps: [.init(.addVoter, id)], context: context))
        case .remove(let name):
            let id = NodeNaming.raftID(forNode: name)
            guard everyone.contains(id) else { return .failure(.rejected(reason: "unknown member \(name)")) }
            guard !(confState.voters == [id]) else {
                return .failure(.rejected(reason: "\(name) is the last voter; a region needs at least one"))
            }
            return .success(ConfChange(steps: [.init(.removeNode, id)]))
        }
    }
}
