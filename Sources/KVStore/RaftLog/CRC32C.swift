/// CRC-32C (Castagnoli), the checksum sealed into every record of the Raft log store.
///
/// LMDB keeps no checksums: a flipped bit inside a value that leaves the B-tree intact reads
/// back as a different, plausible entry, and Raft's safety depends on storage telling the
/// truth. Like etcd's WAL, each record therefore carries a CRC-32C of its bytes, so damage is
/// reported as a `.storageFailure` instead of being replicated or applied.
enum CRC32C {
    /// The checksum of `bytes` (reflected polynomial 0x82F63B78, initial and final XOR ~0).
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        let table = Self.table
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
        }
        return ~crc
    }

    /// One entry per byte value: the remainder of that byte shifted through the polynomial.
    private static let table: [UInt32] = (0..<256).map { value in
        var crc = UInt32(value)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
        }
        return crc
    }
}
