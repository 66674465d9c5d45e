import Crypto

/// A client's `Idempotency-Key` as a command carries it (`"idem": {"key", "hash"}`): the key,
/// and a digest of what the request asked for, so that a retry can be told from a different
/// request that reuses the key.
///
/// The HTTP layer computes the digest once, when it builds the command, and `apply` only compares
/// digests: how a request is digested can change between releases without two nodes ever
/// disagreeing about a log entry.
struct IdempotencyClaim: Equatable, Sendable {
    /// 1–255 visible ASCII characters (`violations(ofKey:)`).
    var key: String
    /// Lowercase hex SHA-256 of the request's meaning (`digest(of:)`).
    var hash: String

    /// The claim of `key` for a request that became `action`.
    init(key: String, for action: Command.Action) {
        self.init(key: key, hash: Self.digest(of: action))
    }

    init(key: String, hash: String) {
        self.key = key
        self.hash = hash
    }

    /// The SHA-256 of the action's type and payload in canonical JSON. The type stands for the
    /// method, the payload holds everything else a request means: namespace, set, scope and
    /// key (its path), the value in canonical form (so whitespace and member order of the body
    /// do not matter) and `If-Match`. Who sends it does not count: the key is the tenant's.
    static func digest(of action: Command.Action) -> String {
        let meaning: JSONValue = ["type": .string(action.typeName), "payload": action.payload]
        return SetETag.hex(SHA256.hash(data: meaning.canonicalBytes))
    }

    /// What is wrong with `key`; empty when it is 1–255 visible ASCII characters (`!` to `~`):
    /// printable in logs and problems, never holding a table key's separator, and short enough
    /// for a table key. Checked by the HTTP layer (400) and again by `apply`, which never trusts
    /// a log entry more than a request.
    static func violations(ofKey key: String) -> [Violation] {
        let valid = (1...255).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        guard !valid else { return [] }
        return [
            Violation(
                code: "invalid-idempotency-key", path: "Idempotency-Key",
                message: "an Idempotency-Key is 1 to 255 visible ASCII characters (no spaces)")
        ]
    }
}

extension IdempotencyClaim: JSONRecord {
    var json: JSONValue {
        ["key": .string(key), "hash": .string(hash)]
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        self.init(key: try fields.string("key"), hash: try fields.string("hash"))
    }
}
