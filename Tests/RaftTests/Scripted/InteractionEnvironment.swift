import Raft

/// The world of a scripted interaction test: replicas with in-memory storage, a mailbox of
/// messages in flight, and a shell that follows the Ready contract one visible step at a time.
///
/// Every command returns the text that the script compares with its expected output.
final class InteractionEnvironment {
    struct Replica {
        var node: RaftNode
        var storage: MemoryStorage
        var confState: ConfState
    }

    var replicas: [UInt64: Replica] = [:]
    /// Messages sent and not yet delivered, in sending order.
    var mailbox: [Message] = []
    /// Nodes whose messages are dropped in both directions.
    var isolated: Set<UInt64> = []

    func run(_ command: Script.Command) throws -> String {
        switch command.name {
        case "add-nodes": return try addNodes(command)
        case "campaign": try node(command.nodeID()).campaign(); return "ok"
        case "tick-heartbeat": return try tick(command.nodeID(), times: 1)
        case "tick-election": return try tick(command.nodeID(), times: 20)
        case "stabilize": return try stabilize()
        case "process-ready": return try processReady(command.nodeID())
        case "deliver-msgs": return try deliverMessages(to: command.nodeID())
        case "isolate": isolated.insert(try command.nodeID()); return "ok"
        case "recover": isolated.removeAll(); return "ok"
        case "propose": return try propose(command)
        case "propose-conf-change": return try proposeConfChange(command)
        case "transfer-leadership": return try transferLeadership(command)
        case "read-index": return try readIndex(command)
        case "status": return try describe(node(command.nodeID()).status)
        case "log": return try log(of: command.nodeID())
        case "compact": return try compact(command)
        default: throw ScriptError("line \(command.line): unknown command \(command.name)")
        }
    }

    private func node(_ id: UInt64) throws -> RaftNode {
        guard let replica = replicas[id] else { throw ScriptError("no node \(id)") }
        return replica.node
    }

    /// `add-nodes N voters=(…) learners=(…) [prevote=] [checkquorum=] [lease=]`: adds N nodes
    /// numbered after the existing ones. Nodes outside `voters`/`learners` start empty, as a
    /// joiner would; the others are bootstrapped with that membership.
    private func addNodes(_ command: Script.Command) throws -> String {
        let count = try command.nodeID()
        let voters = Set(try command.idList("voters"))
        let learners = Set(try command.idList("learners"))
        let first = UInt64(replicas.count + 1)
        for id in first..<(first + count) {
            var config = RaftConfig(id: id)
            config.preVote = try command.flag("prevote", default: false)
            config.checkQuorum = try command.flag("checkquorum", default: false)
            config.readOnlyOption = try command.flag("lease", default: false) ? .leaseBased : .safe
            // Founders start from the bootstrap entries (the membership as committed conf
            // changes 1…n), joiners from nothing: both learn the membership from the log.
            let storage = MemoryStorage()
            if voters.contains(id) || learners.contains(id) {
                try storage.bootstrap(voters: voters, learners: learners)
            }
            replicas[id] = Replica(
                node: try RaftNode(config: config, storage: storage), storage: storage, confState: ConfState())
        }
        return "ok"
    }

    private func tick(_ id: UInt64, times: Int) throws -> String {
        let node = try node(id)
        for _ in 0..<times { node.tick() }
        return "ok"
    }

    private func propose(_ command: Script.Command) throws -> String {
        let data = command.positional.dropFirst().joined(separator: " ")
        do {
            try node(command.nodeID()).propose(Array(data.utf8))
            return "ok"
        } catch let error as RaftError {
            return "error: \(error)"
        }
    }

    /// `propose-conf-change ID [transition=auto|implicit|explicit] v4 l5 r2` (or no step:
    /// leave the joint configuration).
    private func proposeConfChange(_ command: Script.Command) throws -> String {
        let transition: ConfChange.Transition =
            switch command.named["transition"] ?? "auto" {
            case "implicit": .jointImplicit
            case "explicit": .jointExplicit
            default: .automatic
            }
        let steps = try command.positional.dropFirst().map { word -> ConfChange.Step in
            guard let kind = word.first, let id = UInt64(word.dropFirst()) else {
                throw ScriptError("line \(command.line): a step is v<id>, l<id> or r<id>, not \(word)")
            }
            switch kind {
            case "v": return .init(.addVoter, id)
            case "l": return .init(.addLearner, id)
            case "r": return .init(.removeNode, id)
            default: throw ScriptError("line \(command.line): unknown step \(word)")
            }
        }
        do {
            try node(command.nodeID()).proposeConfChange(ConfChange(transition: transition, steps: steps))
            return "ok"
        } catch let error as RaftError {
            return "error: \(error)"
        }
    }

    private func transferLeadership(_ command: Script.Command) throws -> String {
        guard let from = command.named["from"].flatMap(UInt64.init), let to = command.named["to"].flatMap(UInt64.init)
        else { throw ScriptError("line \(command.line): transfer-leadership from=ID to=ID") }
        do {
            try node(from).transferLeadership(to: to)
            return "ok"
        } catch let error as RaftError {
            return "error: \(error)"
        }
    }

    private func readIndex(_ command: Script.Command) throws -> String {
        guard command.positional.count == 2 else { throw ScriptError("line \(command.line): read-index ID CONTEXT") }
        do {
            try node(command.nodeID()).readIndex(context: Array(command.positional[1].utf8))
            return "ok"
        } catch let error as RaftError {
            return "error: \(error)"
        }
    }

    /// `compact ID INDEX`: snapshots the node's state at INDEX and discards the log through it.
    private func compact(_ command: Script.Command) throws -> String {
        let id = try command.nodeID()
        guard command.positional.count == 2, let index = UInt64(command.positional[1]), let replica = replicas[id]
        else { throw ScriptError("line \(command.line): compact ID INDEX") }
        try replica.storage.createSnapshot(at: index, confState: replica.confState, data: Array("snap@\(index)".utf8))
        try replica.storage.compact(through: index)
        return try log(of: id)
    }

    private func log(of id: UInt64) throws -> String {
        guard let storage = replicas[id]?.storage else { throw ScriptError("no node \(id)") }
        let first = try storage.firstIndex()
        let last = try storage.lastIndex()
        guard first <= last else { return "log is empty (snapshot at \(first - 1))" }
        return try storage.entries(from: first, to: last + 1, maxSize: .max).map(describe).joined(separator: "\n")
    }
}
