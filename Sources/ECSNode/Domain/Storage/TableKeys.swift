import Crypto
import KVStore

/// The byte layout of every key in `ConfigTables`.
///
/// Names and keys never contain a zero byte (see `Names`), so `\0` separates components
/// unambiguously and keeps prefix scans exact: the prefix of `env:prod` ends in `\0` and so never
/// matches `env:prod2`.
enum TableKeys {
    /// The `sets` key of (namespace, set).
    static func set(_ namespace: Namespace, _ set: String) -> [UInt8] {
        setsPrefix(of: namespace) + Array(set.utf8)
    }

    /// The prefix of every `sets` key of `namespace`: its sets in name order.
    static func setsPrefix(of namespace: Namespace) -> [UInt8] {
        Array(namespace.description.utf8) + [0]
    }

    /// The 16-byte id of (namespace, set) that prefixes its `versions` and `layers` keys: the
    /// first half of a SHA-256 of the names, so a collision is out of practical reach.
    static func setID(_ namespace: Namespace, _ set: String) -> [UInt8] {
        Array(SHA256.hash(data: self.set(namespace, set)).prefix(16))
    }

    /// The `versions` key of one version of a set.
    static func version(_ version: UInt64, ofSet setID: [UInt8]) -> [UInt8] {
        setID + BigEndianKey.encode(version)
    }

    /// The `drafts` key of draft `id` of a set.
    static func draft(_ id: DraftID, ofSet setID: [UInt8]) -> [UInt8] {
        setID + BigEndianKey.encode(id.index)
    }

    /// The `layers` key of `key` at `scope` in a set.
    static func layer(_ key: String, at scope: Scope, inSet setID: [UInt8]) -> [UInt8] {
        layerPrefix(at: scope, inSet: setID) + Array(key.utf8)
    }

    /// The prefix of every `layers` key of one scope of a set.
    static func layerPrefix(at scope: Scope, inSet setID: [UInt8]) -> [UInt8] {
        setID + Array(scope.description.utf8) + [0]
    }

    /// The scope and item key of a `layers` key of the set `setID`; `nil` when the bytes after
    /// the set id are not `scope \0 key` with a valid scope (a damaged store).
    static func scopeAndKey(ofLayer key: [UInt8], inSet setID: [UInt8]) -> (scope: Scope, key: String)? {
        let rest = key.dropFirst(setID.count)
        guard let separator = rest.firstIndex(of: 0),
            let scope = Scope(parsing: String(decoding: rest[..<separator], as: UTF8.self))
        else { return nil }
        return (scope, String(decoding: rest[(separator + 1)...], as: UTF8.self))
    }

    /// The text after `prefix` in `key`: the item key of a `layers` key, the set name of a
    /// `sets` key.
    static func suffix(of key: [UInt8], after prefix: [UInt8]) -> String {
        String(decoding: key[prefix.count...], as: UTF8.self)
    }

    /// The `audit` key of record `seq` of `namespace`'s trail.
    static func audit(_ namespace: Namespace, _ seq: UInt64) -> [UInt8] {
        auditPrefix(of: namespace) + BigEndianKey.encode(seq)
    }

    /// The prefix of every `audit` key of `namespace`: its trail in order.
    static func auditPrefix(of namespace: Namespace) -> [UInt8] {
        Array(namespace.description.utf8) + [0]
    }

    /// The `tenants` key of a tenant: its name.
    static func tenant(_ name: String) -> [UInt8] {
        Array(name.utf8)
    }

    /// The `idempotency` key of a client's `Idempotency-Key` in `namespace`. Keys are visible
    /// ASCII (no zero byte) and at most 255 bytes, so the whole stays below LMDB's 511.
    static func idempotency(_ namespace: Namespace, _ key: String) -> [UInt8] {
        Array(namespace.description.utf8) + [0] + Array(key.utf8)
    }

    /// The `idempotency-expiry` key of the claim first made at proposer time `at` by the entry
    /// at `index`: oldest first, and unique because indexes are.
    static func idempotencyExpiry(at: Int64, index: UInt64) -> [UInt8] {
        idempotencyTime(at) + BigEndianKey.encode(index)
    }

    /// The 8-byte prefix of the `idempotency-expiry` keys of time `at`: big-endian with the sign
    /// bit flipped, so that byte order is time order, negative times included.
    static func idempotencyTime(_ at: Int64) -> [UInt8] {
        BigEndianKey.encode(UInt64(bitPattern: at) ^ (1 << 63))
    }
}
