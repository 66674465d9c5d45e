/// One entry of the `idempotency` table: the first outcome of a command that carried an
/// `Idempotency-Key`, answered again to every retry of the same request within 24 h.
struct IdempotencyRecord: Equatable, Sendable {
    /// `IdempotencyClaim.hash` of the first request.
    var hash: String
    /// What the first command answered: a receipt or a rejection (a 412 is replayed as a 412).
    var outcome: CommandOutcome
    /// The first command's proposer time (`issuedAt`), milliseconds since 1970: the window and
    /// the expiry index are measured from it.
    var at: Int64
    /// The log index of the first command; with `at`, the key of its `idempotency-expiry` entry.
    var index: UInt64
}

extension IdempotencyRecord: JSONRecord {
    var json: JSONValue {
        ["hash": .string(hash), "outcome": outcome.json, "at": .integer(at), "index": .count(index)]
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        hash = try fields.string("hash")
        outcome = try fields.record("outcome")
        at = try fields.int64("at")
        index = try fields.count("index")
    }
}
