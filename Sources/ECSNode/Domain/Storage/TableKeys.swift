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

    /// The `layers` key of `key` at `scope` in a set.
    static func layer(_ key: String, at scope: Scope, inSet setID: [UInt8]) -> [UInt8] {
        layerPrefix(at: scope, inSet: setID) + Array(key.utf8)
    }

    /// The prefix of every `layers` key of one scope of a set.
    static func layerPrefix(at scope: Scope, inSet setID: [UInt8]) -> [UInt8] {
        setID + Array(scope.description.utf8) + [0]
    }

    /// The scope text and the item key of a `layers` key of the set `setID`, or `nil` when `key`
    /// is not one (no `\0` after the scope).
    static func scopeAndKey(ofLayer key: [UInt8], inSet setID: [UInt8]) -> (scope: String, key: String)? {
        let rest = key[setID.count...]
        guard let separator = rest.firstIndex(of: 0) else { return nil }
        return (
            String(decoding: rest[..<separator], as: UTF8.self),
            String(decoding: rest[(separator + 1)...], as: UTF8.self)
        )
    }

    /// The text after `prefix` in `key`: the item key of a `layers` key, the set name of a
    /// `sets` key.
    static func suffix(of key: [UInt8], after prefix: [UInt8]) -> String {
        String(decoding: key[prefix.count...], as: UTF8.self)
    }

    /// The `events` key of the entry at `index`.
    static func event(at index: UInt64) -> [UInt8] {
        BigEndianKey.encode(index)
    }

    /// The `tenants` key of a tenant: its name.
    static func tenant(_ name: String) -> [UInt8] {
        Array(name.utf8)
    }
}
