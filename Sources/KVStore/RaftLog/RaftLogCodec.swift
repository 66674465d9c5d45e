import Raft

/// The binary layouts of the Raft log store's records, one format version for all of them.
///
/// Every value is framed by `RecordEnvelope` (version byte, body, CRC-32C). Integers are
/// fixed-width big-endian, sets of node ids are sorted so that equal values encode to equal
/// bytes. Bodies, version 1:
///
/// | record | body |
/// | --- | --- |
/// | log entry (key: 8-byte index) | kind `u8`, term `u64`, data (the rest) |
/// | hard state | term `u64`, has-vote `u8`, vote `u64`, commit `u64` |
/// | snapshot metadata | index `u64`, term `u64`, conf state |
/// | compaction point | index `u64`, term `u64` |
/// | journal sequence | seq `u64` of the last journal record the store includes |
/// | format marker | the ASCII bytes of `formatName` |
///
/// A conf state is four id sets — voters, learners, outgoing voters, next learners — each a
/// `u32` count then that many `u64` ids, then auto-leave as `u8` 0 or 1.
enum RaftLogCodec {
    /// The only format version this build writes and reads.
    static let version: UInt8 = 1
    /// What the format marker holds, so that a folder of some other LMDB data is not taken
    /// for a Raft log.
    static let formatName: [UInt8] = Array("ecs-raft-log".utf8)

    // MARK: Log entries

    static func encode(_ entry: Raft.Entry) -> [UInt8] {
        var body = RecordWriter(capacity: entry.data.count + 9)
        body.append(entry.kind.rawValue)
        body.append(entry.term)
        body.append(contentsOf: entry.data)
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func decodeEntry(_ bytes: [UInt8], index: UInt64) throws(RecordDamage) -> Raft.Entry {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        let rawKind = try reader.readByte("kind")
        guard let kind = Raft.Entry.Kind(rawValue: rawKind) else {
            throw RecordDamage("unknown entry kind \(rawKind)")
        }
        let term = try reader.readUInt64("term")
        return Raft.Entry(index: index, term: term, kind: kind, data: reader.readRest())
    }

    // MARK: Hard state

    static func encode(_ hardState: HardState) -> [UInt8] {
        var body = RecordWriter(capacity: 25)
        body.append(hardState.term)
        body.append(UInt8(hardState.vote == nil ? 0 : 1))
        body.append(hardState.vote ?? 0)
        body.append(hardState.commit)
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func decodeHardState(_ bytes: [UInt8]) throws(RecordDamage) -> HardState {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        let term = try reader.readUInt64("term")
        let hasVote = try reader.readBool("has-vote flag")
        let vote = try reader.readUInt64("vote")
        let commit = try reader.readUInt64("commit")
        try reader.finish()
        return HardState(term: term, vote: hasVote ? vote : nil, commit: commit)
    }

    // MARK: Snapshot metadata

    static func encode(_ metadata: SnapshotMetadata) -> [UInt8] {
        let state = metadata.confState
        let idCount = state.voters.count + state.learners.count + state.votersOutgoing.count + state.learnersNext.count
        var body = RecordWriter(capacity: 33 + 8 * idCount)
        body.append(metadata.index)
        body.append(metadata.term)
        for set in [state.voters, state.learners, state.votersOutgoing, state.learnersNext] {
            body.append(UInt32(set.count))
            for id in set.sorted() { body.append(id) }
        }
        body.append(UInt8(state.autoLeave ? 1 : 0))
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func decodeSnapshotMetadata(_ bytes: [UInt8]) throws(RecordDamage) -> SnapshotMetadata {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        let index = try reader.readUInt64("index")
        let term = try reader.readUInt64("term")
        let voters = try readIDs(&reader, "voters")
        let learners = try readIDs(&reader, "learners")
        let votersOutgoing = try readIDs(&reader, "outgoing voters")
        let learnersNext = try readIDs(&reader, "next learners")
        let autoLeave = try reader.readBool("auto-leave flag")
        try reader.finish()
        let confState = ConfState(
            voters: voters, learners: learners, votersOutgoing: votersOutgoing, learnersNext: learnersNext,
            autoLeave: autoLeave)
        return SnapshotMetadata(index: index, term: term, confState: confState)
    }

    private static func readIDs(_ reader: inout RecordReader, _ field: String) throws(RecordDamage) -> Set<NodeID> {
        let count = Int(try reader.readUInt32("\(field) count"))
        // Checked before reserving, so a damaged count cannot ask for gigabytes.
        guard count <= reader.remaining / 8 else {
            throw RecordDamage("\(field) count \(count) exceeds the \(reader.remaining) bytes left")
        }
        var ids = Set<NodeID>(minimumCapacity: count)
        for _ in 0..<count { ids.insert(try reader.readUInt64(field)) }
        guard ids.count == count else { throw RecordDamage("\(field) repeat an id") }
        return ids
    }

    // MARK: Compaction point

    static func encode(_ position: LogPosition) -> [UInt8] {
        var body = RecordWriter(capacity: 16)
        body.append(position.index)
        body.append(position.term)
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func decodeLogPosition(_ bytes: [UInt8]) throws(RecordDamage) -> LogPosition {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        let index = try reader.readUInt64("index")
        let term = try reader.readUInt64("term")
        try reader.finish()
        return LogPosition(index: index, term: term)
    }

    // MARK: Journal sequence

    static func encodeJournalSeq(_ seq: UInt64) -> [UInt8] {
        var body = RecordWriter(capacity: 8)
        body.append(seq)
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func decodeJournalSeq(_ bytes: [UInt8]) throws(RecordDamage) -> UInt64 {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        let seq = try reader.readUInt64("seq")
        try reader.finish()
        return seq
    }

    // MARK: Format marker

    static func encodeFormatMarker() -> [UInt8] {
        var body = RecordWriter(capacity: formatName.count)
        body.append(contentsOf: formatName)
        return RecordEnvelope.seal(version: version, body: body)
    }

    static func checkFormatMarker(_ bytes: [UInt8]) throws(RecordDamage) {
        var reader = try RecordEnvelope.open(bytes, expectedVersion: version)
        guard reader.readRest() == formatName else { throw RecordDamage("not the marker of an ECS Raft log") }
    }
}
