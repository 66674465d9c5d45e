/// 8-byte big-endian encoding of unsigned integers, the key format of every numbered table
/// (Raft log indexes, versions, audit sequence numbers).
///
/// Big-endian bytes sort in LMDB's default lexicographic order exactly as the numbers do, so
/// range and reverse scans over numbered keys need no custom comparator and the files stay
/// portable between machines of different byte order (`MDB_INTEGERKEY` would not be).
public enum BigEndianKey {
    /// The 8 bytes of `value`, most significant first.
    public static func encode(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// The number encoded by `bytes`, which must be exactly 8 bytes long.
    public static func decode(_ bytes: [UInt8]) throws(StoreError) -> UInt64 {
        guard bytes.count == 8 else {
            throw StoreError(
                kind: .corrupted, operation: "BigEndianKey.decode",
                message: "expected an 8-byte key, found \(bytes.count) bytes")
        }
        return bytes.reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
