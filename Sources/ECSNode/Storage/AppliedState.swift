import Foundation
import KVStore
import Raft

/// What the state environment has applied, written in the same transaction as the changes
/// themselves: after a crash, the node restarts Raft from exactly this point, so every committed
/// entry reaches the config tables once (etcd 3.5 lost data because these two could disagree).
///
/// It also describes the state as a snapshot: a copy of the environment carries its own
/// applied index, term and membership.
struct AppliedState: Decodable, Equatable, Sendable {
    var index: UInt64 = 0
    var term: UInt64 = 0
    var voters: [NodeID] = []
    var learners: [NodeID] = []
    var votersOutgoing: [NodeID] = []
    var learnersNext: [NodeID] = []
    var autoLeave = false

    init() {}

    init(index: UInt64, term: UInt64, confState: ConfState) {
        self.index = index
        self.term = term
        self.voters = confState.voters.sorted()
        self.learners = confState.learners.sorted()
        self.votersOutgoing = confState.votersOutgoing.sorted()
        self.learnersNext = confState.learnersNext.sorted()
        self.autoLeave = confState.autoLeave
    }

    var confState: ConfState {
        var state = ConfState()
        state.voters = Set(voters)
        state.learners = Set(learners)
        state.votersOutgoing = Set(votersOutgoing)
        state.learnersNext = Set(learnersNext)
        state.autoLeave = autoLeave
        return state
    }

    var snapshotMetadata: SnapshotMetadata {
        SnapshotMetadata(index: index, term: term, confState: confState)
    }

    /// The database holding node-level records (this one and nothing the domain owns).
    static let databaseName = "meta"
    private static let key = Array("applied".utf8)

    static func load(from transaction: ReadTransaction, in environment: Environment) throws -> AppliedState {
        let meta = try environment.database(databaseName)
        guard let bytes = try transaction.get(key, in: meta) else { return AppliedState() }
        do {
            return try JSONDecoder().decode(AppliedState.self, from: Data(bytes))
        } catch {
            throw NodeStartError.storage("the applied-state record of \(environment.path) is damaged: \(error)")
        }
    }

    func store(in transaction: WriteTransaction, in environment: Environment) throws {
        let meta = try environment.database(Self.databaseName)
        try transaction.put(encoded(), forKey: Self.key, in: meta)
    }

    /// The stored form: JSON with sorted keys, as Foundation's encoder writes it (which `load`
    /// reads). Written by hand because it is written with every applied batch, on the write
    /// path, where `JSONEncoder` cost more than the rest of the record's handling; node ids are
    /// full 64-bit numbers, which `JSONValue` cannot hold exactly.
    func encoded() -> [UInt8] {
        func list(_ ids: [NodeID]) -> String { "[" + ids.map { String($0) }.joined(separator: ",") + "]" }
        let text =
            "{\"autoLeave\":\(autoLeave),\"index\":\(index),\"learners\":\(list(learners)),"
            + "\"learnersNext\":\(list(learnersNext)),\"term\":\(term),\"voters\":\(list(voters)),"
            + "\"votersOutgoing\":\(list(votersOutgoing))}"
        return Array(text.utf8)
    }
}
