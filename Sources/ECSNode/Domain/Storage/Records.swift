/// The head of one set: what a write must read before it can publish the next version.
///
/// Stored as JSON (`JSONRecord`) so that later issues add fields without migrating existing
/// records: absent fields decode as `nil`. A set's schema and policy are not in it but in tables
/// of their own (`schemas`, `policies`): they may exist before the set's first version, and this
/// record is rewritten by every write and read by every config read, which should not carry a
/// schema document each time.
struct SetRecord: Equatable, Sendable {
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
}

/// A set's review policy (`PUT …/policy`), in the `policies` table; a set without one has no
/// restriction.
struct SetPolicy: Equatable, Sendable {
    /// Direct item writes are refused (409): changes go through drafts and their approval.
    var requireApproval: Bool
}

/// A set's JSON Schema (`PUT …/schema`), in the `schemas` table: the document as the tenant's
/// admin gave it, checked to compile when it was stored (`ConfigSchema`).
struct SchemaRecord: Equatable, Sendable {
    var document: JSONValue
    /// The Raft log index of the entry that stored it.
    var index: UInt64
}

/// One immutable version of a set: who made it, when, at which log index, and exactly what it
/// changed, including each value it replaced, so that history, diff and rollback (issue 5) can
/// walk the versions in either direction without reading any other table.
struct VersionRecord: Equatable, Sendable {
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
/// hides an inherited value): the JSON form leaves absent members out rather than writing `null`.
struct Change: Equatable, Sendable {
    enum Operation: String, Sendable {
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
}

/// What the watch of issue 5 streams for one applied entry: a set published a version.
struct EventRecord: Equatable, Sendable {
    var index: UInt64
    var namespace: Namespace
    var set: String
    var version: UInt64
    var etag: String
    /// The proposer's time, milliseconds since 1970.
    var at: Int64
}
