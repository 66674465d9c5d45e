import Crypto

/// The etag of a set version: a hash chain over the set's history.
///
/// `etag(v) = SHA-256(etag(v-1), namespace, set, v, changes of v)`, cut to 128 bits and written
/// in hex. Chaining makes the etag name the whole history rather than the version number alone,
/// so a rebuilt cluster or a rollback never hands out an etag that an `If-Match` or a cache
/// could confuse with a different past state.
enum SetETag {
    static func next(
        after previous: String?, namespace: Namespace, set: String, version: UInt64, changes: [Change]
    ) -> String {
        var hasher = SHA256()
        var header = Array((previous ?? "").utf8) + [0]
        header += Array("\(namespace)\u{0}\(set)\u{0}\(version)".utf8) + [0]
        hasher.update(data: header)
        for change in changes {
            var line = Array("\(change.op.rawValue)\u{0}\(change.scope)\u{0}\(change.key)".utf8) + [0]
            line += change.value?.canonicalBytes ?? []
            line.append(0x0A)
            hasher.update(data: line)
        }
        return hex(hasher.finalize().prefix(16))
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
