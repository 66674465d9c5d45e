import Foundation
import KVStore
import Raft

/// Where each member of the region can be reached, replicated through the log so that every
/// node (including one restored from a snapshot) knows every other node's peer and HTTP address
/// — followers need the leader's HTTP address to forward writes to it.
struct MemberRecord: Codable, Equatable, Sendable {
    var name: String
    var raftAddress: String
    var httpAddress: String
    var region: String
}

/// The `members` table: Raft id (8 bytes, big-endian) → `MemberRecord`.
enum MemberDirectory {
    static let databaseName = "members"

    static func all(in transaction: ReadTransaction, environment: Environment) throws -> [NodeID: MemberRecord] {
        let table = try environment.database(databaseName)
        var members: [NodeID: MemberRecord] = [:]
        for entry in try transaction.entries(in: table) {
            guard let id = try? BigEndianKey.decode(entry.key),
                let record = try? JSONDecoder().decode(MemberRecord.self, from: Data(entry.value))
            else { continue }
            members[id] = record
        }
        return members
    }

    static func store(
        _ record: MemberRecord, for id: NodeID, in transaction: WriteTransaction, environment: Environment
    ) throws {
        let table = try environment.database(databaseName)
        try transaction.put(Array(try JSONEncoder().encode(record)), forKey: BigEndianKey.encode(id), in: table)
    }

    static func remove(_ id: NodeID, in transaction: WriteTransaction, environment: Environment) throws {
        let table = try environment.database(databaseName)
        _ = try transaction.delete(BigEndianKey.encode(id), in: table)
    }
}
