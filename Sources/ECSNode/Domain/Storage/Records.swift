import Foundation
import KVStore

/// The head of one set: what a write must read before it can publish the next version.
///
/// Stored as JSON so that later issues add fields (`policy` and `schema` are filled by issue 5's
/// endpoints) without migrating existing records: absent fields decode as `nil`.
struct SetRecord: Codable, Equatable, Sendable {
    var namespace: Namespace
    var name: String
    /// The newest version, ≥ 1 (a set exists from its first write).
    var headVersion: UInt64
    /// The etag of `headVersion` (see `SetETag`).
    var etag: String
    /// The proposer's time of the first write, milliseconds since 1970.
    var createdAt: Int64
    /// The proposer's time of the newest write, milliseconds since 1970.
    var updatedAt: Int64
    /// Whether direct item writes are refused in favour of drafts (issue 5); `nil` means no policy.
    var policy: SetPolicy?
    /// The JSON Schema the set's values must satisfy (issue 5); `nil` means none.
    var schema: JSONValue?
}

/// A set's review policy (`PUT …/policy` in issue 5).
struct SetPolicy: Codable, Equatable, Sendable {
    var requireApproval: Bool
}

/// One immutable version of a set: who made it, when, at which log index, and exactly what it
/// changed, including each value it replaced, so that history, diff and rollback (issue 5) can
/// walk the versions in either direction without reading any other table.
struct VersionRecord: Codable, Equatable, Sendable {
    var version: UInt64
    var etag: String
    var author: String
    /// The draft's message (issue 5); `nil` for a direct item write.
    var message: String?
    /// The proposer's time, milliseconds since 1970.
    var createdAt: Int64
    /// The Raft log index of the entry that published this version.
    var index: UInt64
    var changes: [Change]
}

/// One change of one item at one scope.
///
/// `value` and `previous` distinguish "absent" (`nil`) from a stored JSON `null` (`.null`, which
/// hides an inherited value), so the coding keeps absent keys absent rather than writing `null`.
struct Change: Codable, Equatable, Sendable {
    enum Operation: String, Codable, Sendable {
        case set
        case delete
    }

    var op: Operation
    var scope: Scope
    var key: String
    /// The new value; `nil` for a delete.
    var value: JSONValue?
    /// The value this change replaced at the same scope; `nil` when the key was absent there.
    var previous: JSONValue?

    private enum CodingKeys: String, CodingKey {
        case op, scope, key, value, previous
    }

    init(op: Operation, scope: Scope, key: String, value: JSONValue?, previous: JSONValue?) {
        self.op = op
        self.scope = scope
        self.key = key
        self.value = value
        self.previous = previous
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        op = try container.decode(Operation.self, forKey: .op)
        scope = try container.decode(Scope.self, forKey: .scope)
        key = try container.decode(String.self, forKey: .key)
        value = container.contains(.value) ? try container.decode(JSONValue.self, forKey: .value) : nil
        previous = container.contains(.previous) ? try container.decode(JSONValue.self, forKey: .previous) : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try container.encode(scope, forKey: .scope)
        try container.encode(key, forKey: .key)
        if let value { try container.encode(value, forKey: .value) }
        if let previous { try container.encode(previous, forKey: .previous) }
    }
}

/// What the watch of issue 5 streams for one applied entry: a set published a version.
struct EventRecord: Codable, Equatable, Sendable {
    var index: UInt64
    var namespace: Namespace
    var set: String
    var version: UInt64
    var etag: String
    /// The proposer's time, milliseconds since 1970.
    var at: Int64
}

/// The one encoding of every record in `ConfigTables`: JSON with sorted keys, so that applying
/// the same entries on two nodes writes byte-identical tables.
enum RecordCoding {
    static func encode(_ record: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record))
    }

    /// Decodes a stored record; a record that does not decode means the store is damaged, which
    /// is reported as a storage error (the node stops rather than guess).
    static func decode<Record: Decodable>(_ type: Record.Type, from bytes: [UInt8], table: String) throws -> Record {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw StoreError(
                kind: .corrupted, operation: "decode \(Record.self)",
                message: "a record of table '\(table)' does not decode: \(error)")
        }
    }
}
