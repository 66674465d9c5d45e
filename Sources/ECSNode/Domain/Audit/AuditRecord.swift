/// One entry of a namespace's audit trail: who did what to which resource, when, and how it
/// ended — never a value, only hashes of values — chained to the entry before it.
///
/// `hash` is the SHA-256 (hex) of the canonical JSON of every other member, `prevHash` included,
/// so changing, removing or reordering any entry breaks every link after it (`AuditTrail.verify`).
struct AuditRecord: Equatable, Sendable {
    /// 1, 2, 3… per namespace, without gaps.
    var seq: UInt64
    /// The proposer's time of the command, milliseconds since 1970.
    var at: Int64
    var actor: String
    /// The command type, e.g. `item.put`, `tenant.put`.
    var action: String
    /// What the action addressed, e.g. `sets/payments/items/retry.max?scope=env:prod`.
    var resource: String
    /// `ok`, or `denied:<reason>` when the state machine refused the command.
    var outcome: String
    /// Facts about the action that are not values: the version it published, hashes of values.
    var detail: [String: JSONValue]
    /// The Raft index of the entry the record was made for.
    var index: UInt64
    /// `hash` of the previous record; 64 zeros for the first.
    var prevHash: String
    var hash: String

    /// The `prevHash` of a namespace's first record.
    static let genesisHash = String(repeating: "0", count: 64)

    /// The record's members without `hash`: what `hash` is computed over.
    var chainedMembers: [String: JSONValue] {
        [
            "seq": .count(seq), "at": .integer(at), "actor": .string(actor), "action": .string(action),
            "resource": .string(resource), "outcome": .string(outcome), "detail": .object(detail),
            "index": .count(index), "prevHash": .string(prevHash),
        ]
    }

    /// The hash this record should carry, given its other members.
    var expectedHash: String {
        ContentHash.hex(of: JSONValue.object(chainedMembers).canonicalBytes)
    }

    /// `expectedHash`, and the record's stored bytes with it as `hash` (what `RecordCoding.encode`
    /// writes once `hash` is set), from one serialization of its members: the chain is extended
    /// on every applied command, on every node.
    var sealed: (hash: String, bytes: [UInt8]) {
        let unsealed = CanonicalObjectGap(chainedMembers, gapFor: "hash")
        let hash = ContentHash.hex(of: unsealed.bytes)
        return (hash, unsealed.filled(with: .string(hash)))
    }
}

extension AuditRecord: JSONRecord {
    var json: JSONValue {
        var members = chainedMembers
        members["hash"] = .string(hash)
        return .object(members)
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        seq = try fields.count("seq")
        at = try fields.int64("at")
        actor = try fields.string("actor")
        action = try fields.string("action")
        resource = try fields.string("resource")
        outcome = try fields.string("outcome")
        guard case .object(let detail) = try fields.value("detail") else {
            throw RecordShapeError("member 'detail' must be an object")
        }
        self.detail = detail
        index = try fields.count("index")
        prevHash = try fields.string("prevHash")
        hash = try fields.string("hash")
    }
}
