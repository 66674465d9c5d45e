import Raft

/// A randomized, fully deterministic run of a Raft cluster: `RaftNode`s driven exactly as the
/// real shell drives them (persist, send, apply, advance), over a network that loses,
/// duplicates, delays and partitions, with crashes that lose everything not persisted,
/// membership changes, leadership transfers and snapshots — checked by a `SafetyMonitor` after
/// every step, then healed and checked for liveness.
///
/// Determinism: every choice comes from one `SeededGenerator`, replicas are visited in id
/// order and each Ready's messages are queued in a stable order, so a seed replays exactly.
public final class ClusterSimulation {
    private let options: SimulationOptions
    private let scenario: Scenario
    private var generator: SeededGenerator
    private var network: SimulatedNetwork
    private var monitor = SafetyMonitor()
    private var replicas: [SimulatedReplica]
    private let nodeConfig: RaftConfig
    private var now = 0
    private var partitionEndsAt: Int?
    /// False once the run is healed for the liveness check: no more crashes from then on.
    private var faultsActive = true
    private var nextPayload: UInt64 = 0
    private var statistics = SimulationStatistics()
    private var trace: [String] = []

    public init(options: SimulationOptions) {
        self.options = options
        var generator = SeededGenerator(seed: options.seed)
        let scenario = Scenario(using: &generator)
        self.scenario = scenario
        self.network = SimulatedNetwork(scenario: scenario)
        let voters = Set((1...scenario.voters).map(NodeID.init))
        let learners = Set((0..<scenario.learners).map { NodeID(scenario.voters + 1 + $0) })
        replicas = (1...scenario.memberCount).map { SimulatedReplica(id: NodeID($0)) }
        // Spares start empty and learn the cluster from the leader's log once added.
        for replica in replicas where voters.contains(replica.id) || learners.contains(replica.id) {
            do {
                try replica.bootstrap(voters: voters, learners: learners)
            } catch {
                preconditionFailure("cannot bootstrap n\(replica.id): \(error)")
            }
        }
        var config = RaftConfig(id: 1)
        config.electionTick = 10
        config.heartbeatTick = 1
        config.maxSizePerMessage = UInt64.random(in: 64...1024, using: &generator)
        config.maxInflightMessages = Int.random(in: 1...8, using: &generator)
        config.maxInflightBytes = config.maxSizePerMessage * UInt64.random(in: 1...8, using: &generator)
        config.maxUncommittedEntriesSize = 4096
        config.maxCommittedSizePerReady = UInt64.random(in: 64...2048, using: &generator)
        config.disableProposalForwarding = Bool.random(using: &generator)
        config.readOnlyOption = scenario.readOnlyOption
        nodeConfig = config
        self.generator = generator
    }

    /// Runs the chaos phase, then heals everything and checks liveness.
    public func run() -> SimulationOutcome {
        record("scenario: \(scenario)")
        // Spares run from the start too, idle until a leader adds them and sends them the log.
        for replica in replicas { start(replica) }
        while now < options.chaosTicks && monitor.violation == nil {
            injectChaos()
            step()
        }
        if monitor.violation == nil { checkLiveness() }
        statistics.readsChecked = monitor.readsChecked
        return SimulationOutcome(
            seed: options.seed, failure: monitor.violation, trace: trace, statistics: statistics)
    }

    // MARK: - One tick

    private func step() {
        now += 1
        for replica in replicas {
            if let restartAt = replica.restartAt, restartAt <= now, !replica.isUp { start(replica) }
            replica.node?.tick()
        }
        settle()
        if now % 25 == 0 { monitor.checkLogMatching(replicas) }
    }

    /// Delivers due messages and processes Readies until nothing more happens this tick.
    private func settle() {
        for _ in 0..<1000 {
            var progressed = false
            let (arrived, lost) = network.takeDue(now: now)
            for message in lost where message.type == .snapshot { reportSnapshot(message, delivered: false) }
            for message in arrived {
                progressed = true
                deliver(message)
            }
            for replica in replicas where replica.node?.hasReady == true {
                progressed = true
                handleReady(of: replica)
            }
            if !progressed || monitor.violation != nil { return }
        }
    }

    private func deliver(_ message: Message) {
        guard let replica = replica(message.to), let node = replica.node else {
            if message.type == .snapshot { reportSnapshot(message, delivered: false) }
            return
        }
        do {
            try node.step(message)
        } catch {
            record("n\(replica.id) refused \(message.type) from n\(message.from): \(error)")
        }
        if message.type == .snapshot { reportSnapshot(message, delivered: true) }
    }

    /// Tells the sender how its snapshot fared, as the real transport does once a snapshot
    /// stream ends (the leader otherwise waits for it forever).
    private func reportSnapshot(_ message: Message, delivered: Bool) {
        guard let sender = replica(message.from)?.node else { return }
        sender.reportSnapshot(to: message.to, status: delivered ? .finished : .failed)
    }

    // MARK: - The shell's job, as the real node does it

    private func handleReady(of replica: SimulatedReplica) {
        guard let node = replica.node else { return }
        let ready = node.ready()
        // Messages that need no persistence may leave before the disk write (Ready contract).
        send(ready.messages)
        if crashesNow("before persisting", replica) { return }
        do {
            if let snapshot = ready.snapshot { try replica.storage.applySnapshot(snapshot) }
            try replica.storage.append(ready.entries)
        } catch {
            monitor.violationFromStorage(error, replica: replica.id)
            return
        }
        if let hardState = ready.hardState {
            replica.storage.setHardState(hardState)
            monitor.observeDurableCommit(hardState.commit, of: replica.id)
        }
        if let soft = ready.softState, soft.role == .leader {
            let term = node.status.term
            statistics.leadersElected += 1
            record("n\(replica.id) leads term \(term)")
            monitor.observeLeader(replica.id, term: term)
            monitor.checkLeaderCompleteness(of: replica.id, storage: replica.storage)
        }
        if crashesNow("after persisting", replica) { return }
        send(ready.messagesAfterPersist)
        if let snapshot = ready.snapshot { restore(snapshot, into: replica) }
        for entry in ready.committedEntries { apply(entry, at: replica, node: node) }
        if crashesNow("after applying", replica) { return }
        for state in ready.readStates { monitor.observeReadState(state, at: replica.id) }
        node.advance(ready)
        takeSnapshotIfDue(replica)
    }

    private func send(_ messages: [Message]) {
        // Ordered by recipient (stable, so each peer still gets its messages in order) to keep
        // the generator's draws independent of the node's internal iteration order.
        for message in messages.enumerated().sorted(by: { ($0.element.to, $0.offset) < ($1.element.to, $1.offset) }) {
            let queued = network.send(message.element, now: now, using: &generator)
            if !queued && message.element.type == .snapshot { reportSnapshot(message.element, delivered: false) }
        }
    }

    private func restore(_ snapshot: Snapshot, into replica: SimulatedReplica) {
        guard let (index, hash) = StateHash.decode(snapshotData: snapshot.data) else {
            monitor.violationFromStorage(RaftError.storageFailure("undecodable snapshot"), replica: replica.id)
            return
        }
        guard index > replica.appliedIndex else { return }
        replica.appliedIndex = index
        replica.stateHash = hash
        replica.confState = snapshot.metadata.confState
        statistics.snapshotsRestored += 1
        record("n\(replica.id) restored snapshot at \(index)")
        monitor.observeSnapshotRestore(by: replica.id, index: index, hash: hash)
    }

    private func apply(_ entry: Entry, at replica: SimulatedReplica, node: RaftNode) {
        if entry.kind == .confChange {
            do {
                replica.confState = try node.applyConfChange(ConfChange(decoding: entry.data))
                if entry.index > replica.appliedIndex {
                    statistics.configurationChangesApplied += 1
                    record("n\(replica.id) applied conf change at \(entry.index): \(describe(replica.confState))")
                }
            } catch {
                record("n\(replica.id) conf change at \(entry.index) not applied: \(error)")
            }
        }
        // Entries at or below the durable applied index were applied before a restart.
        guard entry.index > replica.appliedIndex else { return }
        guard entry.index == replica.appliedIndex + 1 else {
            monitor.violationFromStorage(
                RaftError.storageFailure("applied \(entry.index) after \(replica.appliedIndex)"), replica: replica.id)
            return
        }
        replica.stateHash.apply(entry)
        replica.appliedIndex = entry.index
        statistics.entriesApplied += 1
        monitor.observeApply(entry, by: replica.id, hashAfter: replica.stateHash)
    }

    /// Snapshots the state machine every `snapshotInterval` applied entries and compacts the
    /// log behind it — only once the node has re-delivered everything the state machine holds
    /// after a restart, so that the snapshot's membership matches its index.
    private func takeSnapshotIfDue(_ replica: SimulatedReplica) {
        guard let node = replica.node, node.status.appliedIndex == replica.appliedIndex,
            let snapshotIndex = try? replica.storage.snapshot().metadata.index,
            replica.appliedIndex >= snapshotIndex + scenario.snapshotInterval
        else { return }
        let data = replica.stateHash.snapshotData(at: replica.appliedIndex)
        do {
            try replica.storage.createSnapshot(at: replica.appliedIndex, confState: replica.confState, data: data)
            // Keep a few entries behind the snapshot for followers that are only slightly behind.
            let keep: UInt64 = 3
            if replica.appliedIndex > snapshotIndex + keep {
                try replica.storage.compact(through: replica.appliedIndex - keep)
            }
        } catch {
            record("n\(replica.id) snapshot at \(replica.appliedIndex) skipped: \(error)")
        }
    }

    // MARK: - Chaos

    private func injectChaos() {
        if let ends = partitionEndsAt, ends <= now { healPartition() }
        if chance(scenario.crashRate * Double(replicas.count)), let victim = randomReplica(where: \.isUp) {
            crash(victim)
        }
        if partitionEndsAt == nil, chance(scenario.partitionRate) { partition() }
        if chance(scenario.proposalRate), let target = randomReplica(where: \.isUp) { propose(at: target) }
        if chance(scenario.readRate), let target = randomReplica(where: \.isUp) { requestRead(at: target) }
        if chance(scenario.membershipRate), let leader = currentLeader() { changeMembership(at: leader) }
        if chance(scenario.transferRate), let leader = currentLeader() { transferLeadership(from: leader) }
    }

    private func crash(_ replica: SimulatedReplica) {
        let restartAt = now + Int.random(in: 5...60, using: &generator)
        replica.crash(restartAt: restartAt)
        statistics.crashes += 1
        record("n\(replica.id) crashed, back at t=\(restartAt)")
    }

    private func crashesNow(_ moment: String, _ replica: SimulatedReplica) -> Bool {
        guard faultsActive, chance(scenario.crashRate) else { return false }
        record("n\(replica.id) crashes \(moment) a Ready")
        crash(replica)
        return true
    }

    /// Starts (or restarts) a replica's node. A crash between persisting a received snapshot
    /// and restoring the state machine from it leaves storage ahead of the state machine; the
    /// node then resumes after the snapshot, so — as a real node recovering would — the state
    /// machine is first restored from the durable snapshot.
    private func start(_ replica: SimulatedReplica) {
        do {
            let snapshot = try replica.storage.snapshot()
            if snapshot.metadata.index > replica.appliedIndex { restore(snapshot, into: replica) }
            try replica.start(config: nodeConfig, seed: generator.next())
            replica.restartAt = nil
            record("n\(replica.id) started (applied \(replica.appliedIndex))")
        } catch {
            monitor.violationFromStorage(error, replica: replica.id)
        }
    }

    private func partition() {
        let ids = replicas.map(\.id)
        var blocked = Set<Link>()
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
            let isolated = ids.randomElement(using: &generator)!
            for other in ids where other != isolated {
                blocked.insert(Link(from: isolated, to: other))
                blocked.insert(Link(from: other, to: isolated))
            }
            record("partition: n\(isolated) isolated")
        case 1:
            let side = Set(ids.filter { _ in Bool.random(using: &generator) })
            for from in ids {
                for to in ids where side.contains(from) != side.contains(to) {
                    blocked.insert(Link(from: from, to: to))
                }
            }
            record("partition: \(side.sorted()) | rest")
        default:
            // Asymmetric: one node hears everyone but nobody hears it.
            let mute = ids.randomElement(using: &generator)!
            for other in ids where other != mute { blocked.insert(Link(from: mute, to: other)) }
            record("partition: n\(mute) can receive but not send")
        }
        network.blockedLinks = blocked
        partitionEndsAt = now + Int.random(in: 10...80, using: &generator)
        statistics.partitions += 1
    }

    private func healPartition() {
        network.blockedLinks = []
        partitionEndsAt = nil
        record("partition healed")
    }

    private func propose(at replica: SimulatedReplica) {
        nextPayload += 1
        let payload = withUnsafeBytes(of: nextPayload.bigEndian, Array.init)
        do {
            try replica.node?.propose(payload)
        } catch {
            record("n\(replica.id) refused proposal \(nextPayload): \(error)")
        }
        settle()
    }

    private func requestRead(at replica: SimulatedReplica) {
        nextPayload += 1
        let context = withUnsafeBytes(of: nextPayload.bigEndian, Array.init)
        monitor.readRequested(context: context)
        try? replica.node?.readIndex(context: context)
        settle()
    }

    private func changeMembership(at leader: SimulatedReplica) {
        guard let node = leader.node else { return }
        let conf = node.status.confState
        guard conf.votersOutgoing.isEmpty else { return }
        let voters = conf.voters.sorted()
        let learners = conf.learners.sorted()
        let outsiders = replicas.map(\.id).filter { !conf.contains($0) }
        var options: [ConfChange] = []
        if let newcomer = outsiders.first { options.append(ConfChange(steps: [.init(.addLearner, newcomer)])) }
        if let learner = learners.first { options.append(ConfChange(steps: [.init(.addVoter, learner)])) }
        if voters.count > 2, let voter = voters.randomElement(using: &generator) {
            options.append(ConfChange(steps: [.init(.removeNode, voter)]))
            options.append(ConfChange(steps: [.init(.addLearner, voter)]))
            if let replacement = learners.first ?? outsiders.first {
                options.append(
                    ConfChange(
                        transition: .jointImplicit, steps: [.init(.addVoter, replacement), .init(.removeNode, voter)]))
            }
        }
        guard let change = options.randomElement(using: &generator) else { return }
        do {
            try node.proposeConfChange(change)
            record("n\(leader.id) proposed \(change.steps.map { "\($0.operation) n\($0.nodeID)" })")
        } catch {
            record("n\(leader.id) refused conf change: \(error)")
        }
    }

    private func transferLeadership(from leader: SimulatedReplica) {
        guard let node = leader.node,
            let target = node.status.confState.voters.sorted().filter({ $0 != leader.id }).randomElement(
                using: &generator)
        else { return }
        statistics.transfersRequested += 1
        record("n\(leader.id) transfers leadership to n\(target)")
        try? node.transferLeadership(to: target)
    }

    // MARK: - Liveness

    /// Heals the network, restarts every crashed replica, then requires a leader and every
    /// new proposal applied by every member within `livenessBound` ticks.
    private func checkLiveness() {
        faultsActive = false
        network.heal()
        healPartition()
        for replica in replicas where !replica.isUp && replica.restartAt != nil { start(replica) }
        record("--- healed at t=\(now); liveness check")
        let healedAt = now
        let pending: [[UInt8]] = (0..<5).map { _ in
            nextPayload += 1
            return withUnsafeBytes(of: nextPayload.bigEndian, Array.init)
        }
        var lastProposal: (leader: NodeID, tick: Int)?
        while now - healedAt < options.livenessBound {
            step()
            if monitor.violation != nil { return }
            guard let leader = currentLeader(), let node = leader.node else { continue }
            // Propose through each new leader, and again now and then, as a client retrying
            // after a timeout would: a proposal may be refused or lost with a leader.
            if lastProposal?.leader != leader.id || now - lastProposal!.tick >= 30 {
                lastProposal = (leader.id, now)
                for payload in pending { try? node.propose(payload) }
                settle()
            }
            if allMembersApplied(pending, leader: leader) {
                statistics.ticksToRecover = now - healedAt
                return
            }
        }
        monitor.failLiveness(
            "no leader with every proposal applied everywhere within \(options.livenessBound) ticks of healing; "
                + replicas.map(describe).joined(separator: "; "))
    }

    /// Whether every member of the leader's configuration applied everything the leader
    /// committed, and the leader's committed log holds every payload.
    private func allMembersApplied(_ payloads: [[UInt8]], leader: SimulatedReplica) -> Bool {
        guard let status = leader.node?.status else { return false }
        let members = replicas.filter { status.confState.contains($0.id) }
        guard members.allSatisfy({ $0.appliedIndex >= status.commitIndex }),
            let first = try? leader.storage.firstIndex(), first <= status.commitIndex,
            let entries = try? leader.storage.entries(from: first, to: status.commitIndex + 1, maxSize: .max)
        else { return false }
        let committed = Set(entries.map(\.data))
        return payloads.allSatisfy(committed.contains)
    }

    // MARK: - Helpers

    private func describe(_ replica: SimulatedReplica) -> String {
        guard let status = replica.node?.status else { return "n\(replica.id) down" }
        let progress = status.progress.sorted { $0.key < $1.key }.map {
            "n\($0.key):\($0.value.match)/\($0.value.state)"
        }
        return
            "n\(replica.id) \(status.role) t\(status.term) commit \(status.commitIndex) applied \(replica.appliedIndex) "
            + "voters \(status.confState.voters.sorted()) learners \(status.confState.learners.sorted()) \(progress)"
    }

    /// Sets print in a per-instance hash order, so ids are sorted to keep a seed's trace
    /// identical from run to run.
    private func describe(_ conf: ConfState) -> String {
        var text = "voters \(conf.voters.sorted())"
        if !conf.votersOutgoing.isEmpty { text += " outgoing \(conf.votersOutgoing.sorted())" }
        if !conf.learners.isEmpty { text += " learners \(conf.learners.sorted())" }
        if !conf.learnersNext.isEmpty { text += " learnersNext \(conf.learnersNext.sorted())" }
        if conf.autoLeave { text += " autoLeave" }
        return text
    }

    private func currentLeader() -> SimulatedReplica? {
        replicas.first { $0.node?.status.role == .leader }
    }

    private func replica(_ id: NodeID) -> SimulatedReplica? {
        id >= 1 && id <= replicas.count ? replicas[Int(id) - 1] : nil
    }

    private func randomReplica(where condition: (SimulatedReplica) -> Bool) -> SimulatedReplica? {
        replicas.filter(condition).randomElement(using: &generator)
    }

    private func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &generator) < probability
    }

    private func record(_ line: @autoclosure () -> String) {
        guard options.recordTrace else { return }
        trace.append("t=\(now) \(line())")
    }
}
