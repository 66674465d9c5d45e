import Raft

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record of the Raft log's journal: what one `persist` asked to write (an optional hard
/// state and consecutive entries), numbered by `seq`, which grows by one per record for the
/// life of the store (across checkpoints), so that recovery tells this lap's records from the
/// stale ones of earlier laps.
///
/// Layout, format version 1 (integers big-endian):
///
/// `[magic "ECSJ"][version u8][payload length u32][seq u64][payload][CRC-32C u32]`
///
/// The checksum covers everything after the magic (version, length, seq, payload), so a torn
/// or damaged record is never taken for data. The payload is has-hard-state `u8`, then (if 1)
/// the hard state as a `u32`-length-prefixed `RaftLogCodec` record, then the entry count
/// `u32` and per entry its index `u64` and its `RaftLogCodec` record prefixed by its `u32`
/// length: the same sealed records LMDB stores, so there is one codec for both.
struct RaftJournalRecord: Sendable, Equatable {
    var seq: UInt64
    var hardState: HardState?
    var entries: [Raft.Entry]

    static let magic: [UInt8] = Array("ECSJ".utf8)
    /// The only format version this build writes and reads.
    static let version: UInt8 = 1
    /// Magic, version, payload length and seq.
    static let headerSize = 17
    /// The checksum after the payload.
    static let trailerSize = 4

    /// The record's bytes as they go into the journal.
    func encoded() -> [UInt8] {
        var payload = RecordWriter(capacity: entries.reduce(64) { $0 + $1.data.count + 26 })
        if let hardState {
            payload.append(UInt8(1))
            Self.appendPrefixed(RaftLogCodec.encode(hardState), to: &payload)
        } else {
            payload.append(UInt8(0))
        }
        payload.append(UInt32(entries.count))
        for entry in entries {
            payload.append(entry.index)
            Self.appendPrefixed(RaftLogCodec.encode(entry), to: &payload)
        }
        var record = RecordWriter(capacity: payload.bytes.count + Self.headerSize + Self.trailerSize)
        record.append(contentsOf: Self.magic)
        record.append(Self.version)
        record.append(UInt32(payload.bytes.count))
        record.append(seq)
        record.append(contentsOf: payload.bytes)
        record.append(CRC32C.checksum(record.bytes[Self.magic.count...]))
        return record.bytes
    }

    /// The record starting at `offset` of `journal` and its size in bytes, or `nil` when no
    /// whole record with a valid checksum starts there (zeros, a torn write, damage: the
    /// caller tells these apart by what follows). Throws when the checksum holds but the
    /// record cannot be read: a newer format version, or a payload this build never writes.
    static func read(_ journal: [UInt8], at offset: Int) throws(RecordDamage) -> (record: Self, size: Int)? {
        guard offset >= 0, journal.count - offset >= headerSize + trailerSize,
            journal[offset..<offset + magic.count].elementsEqual(magic)
        else { return nil }
        var header = RecordReader(journal[(offset + magic.count)..<(offset + headerSize)])
        let version = try header.readByte("version")
        let length = Int(try header.readUInt32("payload length"))
        let seq = try header.readUInt64("seq")
        let size = headerSize + length + trailerSize
        guard length <= journal.count - offset - headerSize - trailerSize else { return nil }
        let checked = journal[(offset + magic.count)..<(offset + headerSize + length)]
        var trailer = RecordReader(journal[(offset + size - trailerSize)..<(offset + size)])
        guard try trailer.readUInt32("checksum") == CRC32C.checksum(checked) else { return nil }
        guard version == Self.version else {
            throw RecordDamage(
                "format version \(version) is not supported (this build reads version \(Self.version));"
                    + " was it written by a newer ECS?")
        }
        var payload = RecordReader(journal[(offset + headerSize)..<(offset + headerSize + length)])
        let record = try decodePayload(&payload, seq: seq)
        return (record, size)
    }

    /// Where the next record starting at or after `offset` with a seq of at least `seq` is,
    /// if any: a valid record newer than the one recovery stopped at proves that the stop was
    /// not the end of the journal but damage to an acknowledged record.
    static func firstRecord(in journal: [UInt8], from offset: Int, withSeqAtLeast seq: UInt64) -> Int? {
        var candidate = offset
        while let found = position(of: magic, in: journal, from: candidate) {
            // The seq is read before the checksum is computed: most candidates are stale records
            // of earlier laps, or payload bytes that happen to spell the magic.
            let seqStart = found + headerSize - 8
            if seqStart + 8 <= journal.count,
                journal[seqStart..<seqStart + 8].reduce(UInt64(0), { ($0 << 8) | UInt64($1) }) >= seq,
                let (record, _) = try? read(journal, at: found), record.seq >= seq
            {
                return found
            }
            candidate = found + 1
        }
        return nil
    }

    // MARK: Helpers

    private static func decodePayload(_ reader: inout RecordReader, seq: UInt64) throws(RecordDamage) -> Self {
        var hardState: HardState?
        if try reader.readBool("has-hard-state flag") {
            hardState = try RaftLogCodec.decodeHardState(try readPrefixed(&reader, "hard state"))
        }
        let count = Int(try reader.readUInt32("entry count"))
        // Each entry takes at least 12 bytes: checked before reserving room for `count`.
        guard count <= reader.remaining / 12 else {
            throw RecordDamage("entry count \(count) exceeds the \(reader.remaining) bytes left")
        }
        var entries: [Raft.Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let index = try reader.readUInt64("entry index")
            entries.append(try RaftLogCodec.decodeEntry(try readPrefixed(&reader, "entry \(index)"), index: index))
        }
        try reader.finish()
        return Self(seq: seq, hardState: hardState, entries: entries)
    }

    private static func appendPrefixed(_ bytes: [UInt8], to writer: inout RecordWriter) {
        writer.append(UInt32(bytes.count))
        writer.append(contentsOf: bytes)
    }

    private static func readPrefixed(_ reader: inout RecordReader, _ field: String) throws(RecordDamage) -> [UInt8] {
        try reader.readBytes(Int(try reader.readUInt32("\(field) length")), field)
    }

    /// The offset of the first occurrence of `needle` at or after `offset`; `memchr` finds
    /// candidates for its first byte, since the search runs over up to the whole journal at
    /// every open.
    private static func position(of needle: [UInt8], in haystack: [UInt8], from offset: Int) -> Int? {
        haystack.withUnsafeBytes { hay -> Int? in
            var start = offset
            while start <= hay.count - needle.count {
                guard let hit = memchr(hay.baseAddress! + start, Int32(needle[0]), hay.count - start) else {
                    return nil
                }
                let found = hay.baseAddress!.distance(to: UnsafeRawPointer(hit))
                guard found <= hay.count - needle.count else { return nil }
                if hay[found..<found + needle.count].elementsEqual(needle) { return found }
                start = found + 1
            }
            return nil
        }
    }
}
