import Raft

/// The simulated state machine's whole state: a running FNV-1a hash over every applied entry.
///
/// Two replicas that applied the same entries in the same order hold the same hash, so
/// comparing hashes at equal applied indexes checks state-machine safety cheaply, and a
/// snapshot is just `(index, hash)`.
struct StateHash: Hashable, CustomStringConvertible {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func apply(_ entry: Entry) {
        mix(entry.index)
        mix(entry.term)
        mix(UInt64(entry.kind.rawValue))
        for byte in entry.data { mixByte(byte) }
    }

    /// The bytes a snapshot carries: the applied index and the hash at it.
    func snapshotData(at index: UInt64) -> [UInt8] {
        withUnsafeBytes(of: index.bigEndian, Array.init) + withUnsafeBytes(of: value.bigEndian, Array.init)
    }

    /// Reads back `snapshotData(at:)`.
    static func decode(snapshotData data: [UInt8]) -> (index: UInt64, hash: StateHash)? {
        guard data.count == 16 else { return nil }
        let index = data[0..<8].reduce(0) { ($0 << 8) | UInt64($1) }
        var hash = StateHash()
        hash.value = data[8..<16].reduce(0) { ($0 << 8) | UInt64($1) }
        return (index, hash)
    }

    var description: String { String(value, radix: 16) }

    private mutating func mix(_ number: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            mixByte(UInt8(truncatingIfNeeded: number >> UInt64(shift)))
        }
    }

    private mutating func mixByte(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
    }
}
