/// The byte encoding of a `ConfChange` inside an `Entry` of kind `.confChange`. Raft must
/// decode these itself (to validate proposals and to find pending changes), so the codec
/// lives here rather than in the transport.
///
/// Layout (big-endian): version byte, transition byte, step count (UInt32), steps
/// (operation byte + node id UInt64), context length (UInt32), context bytes.
extension ConfChange {
    private static let formatVersion: UInt8 = 1

    /// The entry payload for this change.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [Self.formatVersion, transition.rawValue]
        bytes.appendBigEndian(UInt32(steps.count))
        for step in steps {
            bytes.append(step.operation.rawValue)
            bytes.appendBigEndian(step.nodeID)
        }
        bytes.appendBigEndian(UInt32(context.count))
        bytes.append(contentsOf: context)
        return bytes
    }

    /// Decodes an entry payload produced by `encoded()`.
    public init(decoding bytes: [UInt8]) throws(RaftError) {
        var reader = ByteReader(bytes: bytes)
        guard try reader.readByte() == Self.formatVersion,
            let transition = Transition(rawValue: try reader.readByte())
        else { throw .malformedConfChange }
        let stepCount = try reader.readUInt32()
        var steps: [Step] = []
        for _ in 0..<stepCount {
            guard let operation = Operation(rawValue: try reader.readByte()) else {
                throw .malformedConfChange
            }
            steps.append(Step(operation, try reader.readUInt64()))
        }
        let context = try reader.readBytes(count: Int(try reader.readUInt32()))
        guard reader.isAtEnd else { throw .malformedConfChange }
        self.init(transition: transition, steps: steps, context: context)
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

/// A bounds-checked cursor over a byte array.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readBytes(count: Int) throws(RaftError) -> [UInt8] {
        guard count <= bytes.count - offset else { throw .malformedConfChange }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func readByte() throws(RaftError) -> UInt8 { try readBytes(count: 1)[0] }

    mutating func readUInt32() throws(RaftError) -> UInt32 { try readInteger() }

    mutating func readUInt64() throws(RaftError) -> UInt64 { try readInteger() }

    private mutating func readInteger<T: FixedWidthInteger>() throws(RaftError) -> T {
        try readBytes(count: MemoryLayout<T>.size).reduce(T.zero) { $0 << 8 | T($1) }
    }
}
