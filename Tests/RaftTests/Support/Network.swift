@testable import Raft

/// A tiny deterministic in-memory network: replicas, a FIFO of messages in flight, and
/// partitions. `settle()` runs Ready cycles and delivers messages until quiescent.
final class Network {
    private(set) var replicas: [NodeID: Replica] = [:]
    private var inFlight: [Message] = []
    private var isolated: Set<NodeID> = []
    private var cutLinks: Set<[NodeID]> = []
    /// Every message delivered or dropped, for assertions.
    private(set) var log: [Message] = []

    /// Builds a cluster of `voters` (and `learners`), all preconfigured with that
    /// configuration through `MemoryStorage(bootstrap:)`, so their logs start empty. It is not
    /// in the log: a newcomer must be preconfigured the same way (see `bootstrapped`).
    init(
        voters: [NodeID], learners: [NodeID] = [],
        configure: (inout RaftConfig) -> Void = { _ in }
    ) {
        let confState = ConfState(voters: Set(voters), learners: Set(learners))
        for id in voters + learners {
            add(id, storage: MemoryStorage(bootstrap: confState), configure: configure)
        }
    }

    /// Builds a cluster of `voters` whose logs already hold entries with the given terms
    /// (indexes from 1) and whose term is the last of those.
    convenience init(
        voters: [NodeID], logTerms: [NodeID: [UInt64]], configure: (inout RaftConfig) -> Void = { _ in }
    ) {
        self.init(voters: [], configure: configure)
        let confState = ConfState(voters: Set(voters))
        for id in voters {
            let terms = logTerms[id] ?? []
            let storage = MemoryStorage(bootstrap: confState)
            do {
                try storage.append(terms.enumerated().map { Entry(index: UInt64($0.offset + 1), term: $0.element) })
            } catch {
                preconditionFailure("cannot seed log of \(id): \(error)")
            }
            storage.setHardState(HardState(term: terms.max() ?? 0))
            add(id, storage: storage, configure: configure)
        }
    }

    /// Builds a cluster whose founding members bootstrap their storage as a real cluster
    /// does (`MemoryStorage.bootstrap`: the membership as the first, committed log entries)
    /// and have applied it, so that they may campaign. Joiners are added with `MemoryStorage()`.
    static func bootstrapped(
        voters: [NodeID], learners: [NodeID] = [], configure: (inout RaftConfig) -> Void = { _ in }
    ) -> Network {
        let network = Network(voters: [], configure: configure)
        for id in voters + learners {
            let storage = MemoryStorage()
            do {
                try storage.bootstrap(voters: Set(voters), learners: Set(learners))
            } catch {
                preconditionFailure("cannot bootstrap \(id): \(error)")
            }
            network.add(id, storage: storage, configure: configure)
        }
        network.settle()
        return network
    }

    /// Adds a replica (e.g. a new member with empty configuration).
    func add(_ id: NodeID, storage: MemoryStorage, configure: (inout RaftConfig) -> Void = { _ in }) {
        var config = RaftConfig(id: id)
        config.electionTick = 10
        config.heartbeatTick = 1
        configure(&config)
        let node: RaftNode
        do {
            node = try RaftNode(config: config, storage: storage)
        } catch {
            preconditionFailure("cannot build node \(id): \(error)")
        }
        replicas[id] = Replica(node: node, storage: storage)
    }

    subscript(id: NodeID) -> RaftNode { replicas[id]!.node }

    func replica(_ id: NodeID) -> Replica { replicas[id]! }

    func isolate(_ id: NodeID) { isolated.insert(id) }

    func cut(_ a: NodeID, _ b: NodeID) { cutLinks.insert([min(a, b), max(a, b)]) }

    func heal() {
        isolated = []
        cutLinks = []
    }

    private func isDeliverable(_ message: Message) -> Bool {
        !isolated.contains(message.from) && !isolated.contains(message.to)
            && !cutLinks.contains([min(message.from, message.to), max(message.from, message.to)])
            && replicas[message.to] != nil
    }

    /// Runs Ready cycles and delivers messages until nothing moves (bounded).
    func settle(maxRounds: Int = 1000) {
        for _ in 0..<maxRounds {
            for id in replicas.keys.sorted() {
                inFlight += replicas[id]!.processReady()
            }
            guard !inFlight.isEmpty else { return }
            let batch = inFlight
            inFlight = []
            for message in batch {
                log.append(message)
                guard isDeliverable(message) else { continue }
                // Forwarded proposals may legitimately be refused; tests assert on outcomes.
                try? replicas[message.to]!.node.step(message)
            }
        }
        preconditionFailure("network did not settle")
    }

    /// Ticks `id` `times` times, settling after each tick.
    func tick(_ id: NodeID, times: Int = 1) {
        for _ in 0..<times {
            self[id].tick()
            settle()
        }
    }

    /// Ticks every replica `times` times, settling after each round.
    func tickAll(times: Int = 1) {
        for _ in 0..<times {
            for id in replicas.keys.sorted() { self[id].tick() }
            settle()
        }
    }

    /// Makes `id` campaign and settles; returns whether it became leader.
    @discardableResult
    func elect(_ id: NodeID) -> Bool {
        self[id].campaign()
        settle()
        return self[id].status.role == .leader
    }

    /// Proposes on `id` and settles.
    func propose(_ id: NodeID, _ text: String) throws(RaftError) {
        try self[id].propose(Array(text.utf8))
        settle()
    }

    /// The applied normal payloads of `id` as strings.
    func applied(_ id: NodeID) -> [String] {
        replicas[id]!.appliedData.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Messages of `type` that were put on the wire so far.
    func sent(_ type: MessageType) -> [Message] { log.filter { $0.type == type } }
}
