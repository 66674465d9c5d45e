import Raft

/// The journal in front of LMDB: appends that cost one `fdatasync`, checkpoints that fold them
/// into LMDB, and the replay at open.
///
/// A Ready qualifies for the journal when it records no snapshot, its entries (if any) start
/// after LMDB's last entry and right where the log can take them, and its record fits in the
/// journal, filled less than ¾. Anything else goes through LMDB (`mutate`), whose commit
/// checkpoints the journal first: the tail, the hard state and the last record's seq reach
/// LMDB in the same synced commit as the change, and the journal starts again at offset 0.
extension RaftLogStore {
    /// Folds the journal into LMDB now (one synced commit), if it holds anything. The store
    /// does so by itself when needed and when it goes away; durability never depends on it.
    public func checkpoint() throws(RaftError) {
        try mutate("checkpointing the journal", resultWithoutWriting: { $0.journalOffset == 0 ? () : nil }) { _, _ in }
    }

    /// Appends what a Ready asks to persist to the journal and publishes it, or returns
    /// `false` when the Ready must go through LMDB instead. Nothing to write is done at once.
    func appendToJournal(
        hardState: HardState?, entries: [Raft.Entry], snapshot: SnapshotMetadata?
    )
        throws(RaftError) -> Bool
    {
        try writer.withLock { (writer: inout RaftLogWriterState) throws(RaftError) -> Bool in
            let newHardState = hardState == writer.committed.hardState ? nil : hardState
            guard snapshot != nil || !entries.isEmpty || newHardState != nil else { return true }
            guard snapshot == nil, Self.continuesTail(entries, writer),
                writer.journalOffset < journal.capacity / 4 * 3
            else { return false }
            let record = RaftJournalRecord(seq: writer.nextSeq, hardState: newHardState, entries: entries)
            let bytes = record.encoded()
            guard writer.journalOffset + bytes.count <= journal.capacity else { return false }
            try journal.write(bytes, at: writer.journalOffset)
            writer.journalOffset += bytes.count
            published.withLock { Self.apply(record, to: &writer, &$0) }
            return true
        }
    }

    /// Writes what the journal holds beyond LMDB — the tail's entries, the hard state and the
    /// seq of the last record — inside a write transaction; nothing when the journal is empty.
    /// LMDB holds no entry after `writer.durableLastIndex`, where the tail begins.
    func checkpoint(_ tail: RaftLogTail, _ writer: RaftLogWriterState, in transaction: WriteTransaction) throws {
        guard writer.journalOffset > 0 else { return }
        for entry in tail.entries { try tables.put(entry, in: transaction) }
        try tables.put(writer.committed.hardState, in: transaction)
        try tables.putJournalSeq(writer.nextSeq - 1, in: transaction)
    }

    /// Applies a journal record, written or replayed, to the writer's state and to what
    /// readers see. A replayed record that does not continue the log is damage.
    static func apply(
        _ record: RaftJournalRecord, to writer: inout RaftLogWriterState, _ published: inout PublishedLog,
        journalPath: String
    ) throws(RaftError) {
        guard continuesTail(record.entries, writer) else {
            let first = record.entries.first?.index ?? 0
            throw .storageFailure(
                "damaged journal \(journalPath): record \(record.seq) holds entries from \(first), which do not"
                    + " continue the log (LMDB ends at \(writer.durableLastIndex), the log at"
                    + " \(writer.committed.lastIndex))")
        }
        apply(record, to: &writer, &published)
    }

    // MARK: Helpers

    /// Whether `entries` may go to the journal: after LMDB's last entry (those replace only
    /// entries of the tail) and without a gap after the log's last entry.
    private static func continuesTail(_ entries: [Raft.Entry], _ writer: RaftLogWriterState) -> Bool {
        guard let first = entries.first?.index else { return true }
        return first > writer.durableLastIndex && first <= writer.committed.lastIndex + 1
    }

    private static func apply(
        _ record: RaftJournalRecord, to writer: inout RaftLogWriterState, _ published: inout PublishedLog
    ) {
        if let last = record.entries.last {
            writer.committed.lastIndex = last.index
            writer.committed.lastTerm = last.term
        }
        if let hardState = record.hardState { writer.committed.hardState = hardState }
        writer.nextSeq = record.seq + 1
        published.tail.append(record.entries)
        published.state = writer.committed
    }
}
