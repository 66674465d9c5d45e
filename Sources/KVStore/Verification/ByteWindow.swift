/// A window onto bytes read from the data file, readable only through accessors that check
/// every offset against the window.
///
/// Every number in a damaged file may be hostile, so no offset is trusted: a read outside the
/// window is reported as `Corruption` instead of trapping. Multi-byte fields are little-endian
/// (LMDB writes them in host order and the verifier only accepts little-endian hosts' files).
struct ByteWindow {
    /// The whole buffer; the window is `bytes[start..<start + count]`.
    let bytes: [UInt8]
    let start: Int
    let count: Int

    init(_ bytes: [UInt8], start: Int = 0, count: Int? = nil) {
        self.bytes = bytes
        self.start = start
        self.count = count ?? bytes.count - start
    }

    /// The absolute range of `length` bytes at `offset`, or `Corruption` naming `what`.
    @inline(__always)
    func range(at offset: Int, length: Int, _ what: @autoclosure () -> String) throws(Corruption) -> Range<Int> {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset,
            start >= 0, start + count <= bytes.count
        else {
            throw Corruption(
                "\(what()) (bytes \(offset)..<\(offset &+ length)) lies outside its \(count)-byte container")
        }
        return (start + offset)..<(start + offset + length)
    }

    /// A window onto `length` bytes at `offset` of this one.
    func window(at offset: Int, length: Int, _ what: @autoclosure () -> String) throws(Corruption) -> ByteWindow {
        let absolute = try range(at: offset, length: length, what())
        return ByteWindow(bytes, start: absolute.lowerBound, count: length)
    }

    func uint16(at offset: Int) throws(Corruption) -> UInt16 {
        let at = try range(at: offset, length: 2, "a 2-byte field").lowerBound
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func uint32(at offset: Int) throws(Corruption) -> UInt32 {
        let at = try range(at: offset, length: 4, "a 4-byte field").lowerBound
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(bytes[at + index]) }
        return value
    }

    func uint64(at offset: Int) throws(Corruption) -> UInt64 {
        let at = try range(at: offset, length: 8, "an 8-byte field").lowerBound
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[at + index]) }
        return value
    }
}
