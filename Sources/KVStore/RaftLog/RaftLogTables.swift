import Raft

/// The two LMDB databases of a Raft log store and the typed reads and writes on them, inside
/// a transaction the caller opened. Knows keys and layouts; knows nothing of Raft's rules
/// (those live in `RaftLogStore`).
///
/// - `log`: key = the entry's index as `BigEndianKey` (so keys sort by index), value = the
///   entry's kind, term and data (`RaftLogCodec`).
/// - `stable`: one record per `StableKey`: the format marker, the hard state, the latest
///   snapshot's metadata, the compaction point and the journal sequence number.
///
/// Damaged records throw `RaftError.storageFailure` naming the record (`log/42`,
/// `stable/hardState`) and the folder; LMDB failures surface as `StoreError`.
struct RaftLogTables: Sendable {
    /// The keys of the `stable` database.
    enum StableKey: String, CaseIterable {
        /// Written when the store is created; says the folder holds an ECS Raft log.
        case format
        case hardState
        case snapshot
        /// The last discarded entry's index and term (see `LogPosition`).
        case compactedThrough
        /// The sequence number of the last journal record folded into the store (see
        /// `RaftJournal`); absent in stores that never had a journal, read as 0.
        case journalSeq

        var bytes: [UInt8] { Array(rawValue.utf8) }
    }

    static let logName = "log"
    static let stableName = "stable"

    let log: Database
    let stable: Database
    /// The environment's folder, for error messages.
    let path: String

    // MARK: Log entries

    /// The entry at `index`, or `nil` if the log has no such key.
    func entry(at index: UInt64, in transaction: ReadTransaction) throws -> Raft.Entry? {
        guard let bytes = try transaction.get(BigEndianKey.encode(index), in: log) else { return nil }
        return try decodeEntry(bytes, index: index)
    }

    func decodeEntry(_ bytes: [UInt8], index: UInt64) throws(RaftError) -> Raft.Entry {
        do {
            return try RaftLogCodec.decodeEntry(bytes, index: index)
        } catch {
            throw damaged("\(Self.logName)/\(index)", error)
        }
    }

    func put(_ entry: Raft.Entry, in transaction: WriteTransaction) throws {
        try transaction.put(RaftLogCodec.encode(entry), forKey: BigEndianKey.encode(entry.index), in: log)
    }

    /// Deletes every entry from `index` on, of a log whose first entry is `firstIndex`.
    ///
    /// A deletion that removes every entry goes through `deleteAllEntries`: besides being one
    /// step, `WriteTransaction.deleteAll(in:range:)` fails (`mdb_cursor_get`, EINVAL) when its
    /// range holds every entry of a non-empty database, because its cursor is left unpositioned
    /// once the tree is empty.
    func deleteEntries(from index: UInt64, firstIndex: UInt64, in transaction: WriteTransaction) throws {
        guard index > firstIndex else { return try deleteAllEntries(in: transaction) }
        try transaction.deleteAll(in: log, range: KeyRange(lower: BigEndianKey.encode(index)))
    }

    /// Deletes every entry up to and including `index`, of a log whose last entry is
    /// `lastIndex` (one step when that is all of them; see `deleteEntries(from:firstIndex:in:)`).
    func deleteEntries(through index: UInt64, lastIndex: UInt64, in transaction: WriteTransaction) throws {
        guard index < lastIndex else { return try deleteAllEntries(in: transaction) }
        try transaction.deleteAll(in: log, range: KeyRange(upper: BigEndianKey.encode(index + 1)))
    }

    /// Empties the log in one step (`mdb_drop`), whatever its length.
    func deleteAllEntries(in transaction: WriteTransaction) throws {
        try transaction.deleteAll(in: log)
    }

    /// The index a `log` key encodes; a key of another length is damage.
    func index(ofKey key: [UInt8]) throws(RaftError) -> UInt64 {
        guard key.count == 8 else {
            throw .storageFailure(
                "damaged Raft log in \(path): a key of \(key.count) bytes in '\(Self.logName)' is not an entry index")
        }
        return key.reduce(0) { ($0 << 8) | UInt64($1) }
    }

    // MARK: Stable records

    func hardState(in transaction: ReadTransaction) throws -> HardState? {
        try record(.hardState, in: transaction, RaftLogCodec.decodeHardState)
    }

    func snapshot(in transaction: ReadTransaction) throws -> SnapshotMetadata? {
        try record(.snapshot, in: transaction, RaftLogCodec.decodeSnapshotMetadata)
    }

    func compactedThrough(in transaction: ReadTransaction) throws -> LogPosition? {
        try record(.compactedThrough, in: transaction, RaftLogCodec.decodeLogPosition)
    }

    func journalSeq(in transaction: ReadTransaction) throws -> UInt64 {
        try record(.journalSeq, in: transaction, RaftLogCodec.decodeJournalSeq) ?? 0
    }

    func putJournalSeq(_ seq: UInt64, in transaction: WriteTransaction) throws {
        try transaction.put(RaftLogCodec.encodeJournalSeq(seq), forKey: StableKey.journalSeq.bytes, in: stable)
    }

    func put(_ hardState: HardState, in transaction: WriteTransaction) throws {
        try transaction.put(RaftLogCodec.encode(hardState), forKey: StableKey.hardState.bytes, in: stable)
    }

    func put(_ snapshot: SnapshotMetadata, in transaction: WriteTransaction) throws {
        try transaction.put(RaftLogCodec.encode(snapshot), forKey: StableKey.snapshot.bytes, in: stable)
    }

    func putCompactedThrough(_ position: LogPosition, in transaction: WriteTransaction) throws {
        try transaction.put(RaftLogCodec.encode(position), forKey: StableKey.compactedThrough.bytes, in: stable)
    }

    /// Checks the format marker, writing it into a store that holds nothing yet. A store with
    /// data but no marker was not written by this code and is refused.
    func checkOrWriteFormatMarker(in transaction: WriteTransaction) throws {
        let key = StableKey.format
        if let bytes = try transaction.get(key.bytes, in: stable) {
            do {
                try RaftLogCodec.checkFormatMarker(bytes)
            } catch {
                throw damaged("\(Self.stableName)/\(key.rawValue)", error)
            }
            return
        }
        let held = try transaction.count(in: log) + transaction.count(in: stable)
        guard held == 0 else {
            throw RaftError.storageFailure(
                "\(path) holds \(held) records but no '\(Self.stableName)/\(key.rawValue)' marker: not an ECS Raft log")
        }
        try transaction.put(RaftLogCodec.encodeFormatMarker(), forKey: key.bytes, in: stable)
    }

    // MARK: Loading

    /// Rebuilds the in-memory state from the store, checking what can be checked without
    /// reading every entry: the records of `stable`, that the log begins right after the
    /// compaction point, that it has no holes (its entry count spans its first and last
    /// index) and that its first and last entries decode. Other entries are checked when read.
    func loadState(in transaction: ReadTransaction) throws -> RaftLogState {
        var state = RaftLogState()
        state.hardState = try hardState(in: transaction) ?? HardState()
        state.snapshot = try snapshot(in: transaction) ?? SnapshotMetadata()
        state.compactedThrough = try compactedThrough(in: transaction) ?? .origin
        state.lastIndex = state.compactedThrough.index
        state.lastTerm = state.compactedThrough.term
        let (first, last) = try transaction.withCursor(over: log) { cursor in (try cursor.first(), try cursor.last()) }
        guard let first, let last else { return state }
        let firstIndex = try index(ofKey: first.key)
        let lastIndex = try index(ofKey: last.key)
        guard firstIndex == state.firstIndex else {
            throw RaftError.storageFailure(
                "damaged Raft log in \(path): the log begins at entry \(firstIndex), but"
                    + " '\(Self.stableName)/\(StableKey.compactedThrough.rawValue)' says it was compacted"
                    + " through \(state.compactedThrough.index)")
        }
        let count = UInt64(try transaction.count(in: log))
        guard lastIndex - firstIndex + 1 == count else {
            throw RaftError.storageFailure(
                "damaged Raft log in \(path): \(count) records in '\(Self.logName)' between entries \(firstIndex)"
                    + " and \(lastIndex): entries are missing or a key is not an index")
        }
        _ = try decodeEntry(first.value, index: firstIndex)
        state.lastIndex = lastIndex
        state.lastTerm = try decodeEntry(last.value, index: lastIndex).term
        return state
    }

    // MARK: Helpers

    private func record<T>(
        _ key: StableKey, in transaction: ReadTransaction, _ decode: ([UInt8]) throws(RecordDamage) -> T
    ) throws -> T? {
        guard let bytes = try transaction.get(key.bytes, in: stable) else { return nil }
        do {
            return try decode(bytes)
        } catch {
            throw damaged("\(Self.stableName)/\(key.rawValue)", error)
        }
    }

    private func damaged(_ key: String, _ damage: RecordDamage) -> RaftError {
        .storageFailure("damaged record '\(key)' in the Raft log at \(path): \(damage.reason)")
    }
}
