import KVStore

/// The end of one namespace's audit trail: what the next record chains to.
///
/// Kept in `audit-heads` so that appending a record — once per applied command, on every node —
/// reads 72 bytes by key instead of finding and parsing the trail's last record. It is derived
/// data: `AuditTrail.verify` never trusts it, and a trail written before the table existed has
/// no head until its next append, which then falls back to its last record.
struct AuditHead: Equatable, Sendable {
    var seq: UInt64
    /// The hash of record `seq`: 64 lowercase hex digits.
    var hash: String

    /// Wire form: `seq` (8 bytes, big-endian) followed by the 64 ASCII bytes of `hash`.
    var bytes: [UInt8] {
        BigEndianKey.encode(seq) + Array(hash.utf8)
    }

    init(seq: UInt64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads a stored head; a value of another length or with a non-hex hash means a damaged
    /// store, reported as a storage error like any record that does not decode.
    init(bytes: [UInt8]) throws {
        let hexDigits = bytes.dropFirst(8)
        guard bytes.count == 8 + 64, let seq = try? BigEndianKey.decode(Array(bytes.prefix(8))),
            hexDigits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw StoreError(
                kind: .corrupted, operation: "decode AuditHead",
                message: "a record of table '\(ConfigTables.auditHeadsName)' is not a sequence number and a hash")
        }
        self.init(seq: seq, hash: String(decoding: hexDigits, as: UTF8.self))
    }
}
