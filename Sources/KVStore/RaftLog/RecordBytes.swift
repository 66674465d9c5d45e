/// Builds the body of a record: fixed-width big-endian integers and raw bytes, nothing else,
/// so that every field has one obvious encoding and the decoder can bound-check each read.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 32) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func append(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func append(contentsOf data: [UInt8]) {
        bytes.append(contentsOf: data)
    }
}

/// Reads a record body written by `RecordWriter`, refusing (never trapping on) bytes that end
/// early, run on or hold impossible values.
struct RecordReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// How many bytes are left to read.
    var remaining: Int { bytes.endIndex - position }

    mutating func readByte(_ field: String) throws(RecordDamage) -> UInt8 {
        try require(1, field)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt32(_ field: String) throws(RecordDamage) -> UInt32 {
        try require(4, field)
        defer { position += 4 }
        return bytes[position..<position + 4].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func readUInt64(_ field: String) throws(RecordDamage) -> UInt64 {
        try require(8, field)
        defer { position += 8 }
        return bytes[position..<position + 8].reduce(0) { ($0 << 8) | UInt64($1) }
    }

    mutating func readBool(_ field: String) throws(RecordDamage) -> Bool {
        switch try readByte(field) {
        case 0: return false
        case 1: return true
        case let other: throw RecordDamage("\(field) is \(other), expected 0 or 1")
        }
    }

    /// The next `count` bytes (a length-prefixed field).
    mutating func readBytes(_ count: Int, _ field: String) throws(RecordDamage) -> [UInt8] {
        try require(count, field)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Everything not read yet (a trailing variable-length payload).
    mutating func readRest() -> [UInt8] {
        defer { position = bytes.endIndex }
        return Array(bytes[position...])
    }

    /// Refuses bytes left over after the last field: the record is not what it claims to be.
    func finish() throws(RecordDamage) {
        guard remaining == 0 else { throw RecordDamage("\(remaining) unexpected trailing bytes") }
    }

    private func require(_ count: Int, _ field: String) throws(RecordDamage) {
        guard count >= 0, remaining >= count else {
            throw RecordDamage("cut short: \(field) needs \(count) bytes, \(remaining) left")
        }
    }
}

/// The frame around every stored record: `[format version: 1 byte][body][CRC-32C: 4 bytes]`,
/// the checksum covering the version and the body.
///
/// The version lets a later build change a record's layout and still read old ones (and lets
/// this build refuse a newer layout clearly instead of misreading it); the checksum catches
/// damage LMDB cannot see (see `CRC32C`).
enum RecordEnvelope {
    /// Size of the version byte plus the checksum.
    static let overhead = 5

    /// `body` framed with `version` and its checksum.
    static func seal(version: UInt8, body: RecordWriter) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.bytes.count + overhead)
        bytes.append(version)
        bytes.append(contentsOf: body.bytes)
        let checksum = CRC32C.checksum(bytes)
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: checksum >> shift)) }
        return bytes
    }

    /// The body of a sealed record, after checking its checksum and that its version is
    /// `expectedVersion` (the only one this build writes).
    static func open(_ bytes: [UInt8], expectedVersion: UInt8) throws(RecordDamage) -> RecordReader {
        guard bytes.count >= overhead else {
            throw RecordDamage("\(bytes.count) bytes, shorter than the \(overhead)-byte frame of a record")
        }
        let sealed = bytes[..<(bytes.count - 4)]
        let stored = bytes[(bytes.count - 4)...].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        let computed = CRC32C.checksum(sealed)
        guard stored == computed else {
            throw RecordDamage(
                "checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): the record is damaged")
        }
        let version = bytes[0]
        guard version == expectedVersion else {
            throw RecordDamage(
                "format version \(version) is not supported (this build reads version \(expectedVersion));"
                    + " was it written by a newer ECS?")
        }
        return RecordReader(sealed.dropFirst())
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
