import Raft

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The write-ahead journal in front of the Raft log's LMDB environment: `<raft dir>/journal`,
/// one file of fixed size holding the records (`RaftJournalRecord`) persisted since the last
/// checkpoint, written from offset 0 on after each checkpoint.
///
/// Why: a synced LMDB commit costs two device flushes (the data pages, then the meta page),
/// a journal append one `fdatasync`. The file is preallocated by writing zeros, never by
/// `fallocate`/`ftruncate`: its size and extents never change afterwards, so `fdatasync`
/// flushes the record's data and no filesystem metadata.
///
/// The journal only reads and writes bytes; what the records mean, and when LMDB takes them
/// over, is `RaftLogStore`'s business (`RaftLogStore+Journal.swift`). Immutable after open,
/// so `Sendable`; its writer (the store's writer lock) says where to write.
final class RaftJournal: Sendable {
    static let fileName = "journal"
    /// A journal smaller than this could not hold a useful record.
    static let minimumCapacity = 4096

    /// The file's path, for error messages.
    let path: String
    /// The file's size: records never cross it.
    let capacity: Int
    /// Whether appends are flushed (`.syncOnCommit`); off only for tests, like LMDB's `.deferred`.
    let syncs: Bool
    private let descriptor: Int32

    private init(path: String, capacity: Int, syncs: Bool, descriptor: Int32) {
        self.path = path
        self.capacity = capacity
        self.syncs = syncs
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Opens the journal of the Raft log in `folder`, creating it (`capacity` bytes of zeros)
    /// when missing. An existing journal keeps the size it was created with. A journal is
    /// missing legitimately only beside a store that never had one (`checkpointedSeq` 0, a
    /// data folder of an earlier build); otherwise records acknowledged after the last
    /// checkpoint may be lost, and opening is refused.
    static func openFile(
        inFolder folder: String, capacity: Int, syncs: Bool, checkpointedSeq: UInt64
    ) throws(RaftError) -> RaftJournal {
        let path = folder + "/" + fileName
        guard capacity >= minimumCapacity else {
            throw .storageFailure("the journal at \(path) needs at least \(minimumCapacity) bytes, not \(capacity)")
        }
        var descriptor = open(path, O_RDWR | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            guard checkpointedSeq == 0 else {
                throw .storageFailure(
                    "the journal \(path) is missing, but the Raft log includes its records through seq"
                        + " \(checkpointedSeq): records acknowledged after that may be lost")
            }
            try create(at: path, folder: folder, capacity: capacity)
            descriptor = open(path, O_RDWR | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw failure("opening", path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = failure("measuring", path)
            close(descriptor)
            throw error
        }
        return RaftJournal(path: path, capacity: Int(status.st_size), syncs: syncs, descriptor: descriptor)
    }

    /// Writes `record` at `offset` and, when `syncs`, flushes it: once this returns, the
    /// record survives a crash.
    func write(_ record: [UInt8], at offset: Int) throws(RaftError) {
        precondition(offset >= 0 && offset + record.count <= capacity, "a journal record must fit in the file")
        var written = 0
        while written < record.count {
            let result = record.withUnsafeBytes { bytes in
                pwrite(descriptor, bytes.baseAddress! + written, record.count - written, off_t(offset + written))
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Self.failure("writing \(record.count) bytes at offset \(offset) of", path) }
            written += result
        }
        if syncs && fdatasync(descriptor) != 0 { throw Self.failure("flushing", path) }
    }

    /// The records after `checkpointedSeq` (the last one LMDB includes), in order, and the
    /// offset where the next record goes.
    ///
    /// Reads from offset 0 while records carry the next seq and a valid checksum. The first
    /// that does not ends the journal: zeros, a stale record of an earlier lap, or a torn
    /// write (each append is flushed before the next begins, so only the last can be torn).
    /// But a valid record with a later seq beyond that point means the stop was an
    /// acknowledged record, damaged: refused with `.storageFailure` naming file and offset.
    func recover(after checkpointedSeq: UInt64) throws(RaftError) -> (records: [RaftJournalRecord], end: Int) {
        let bytes = try readAll()
        var records: [RaftJournalRecord] = []
        var offset = 0
        var expected = checkpointedSeq + 1
        while true {
            let found: (record: RaftJournalRecord, size: Int)?
            do {
                found = try RaftJournalRecord.read(bytes, at: offset)
            } catch {
                throw .storageFailure("damaged record at offset \(offset) of the journal \(path): \(error.reason)")
            }
            guard let (record, size) = found, record.seq == expected else { break }
            records.append(record)
            offset += size
            expected += 1
        }
        if let later = RaftJournalRecord.firstRecord(in: bytes, from: offset, withSeqAtLeast: expected) {
            throw .storageFailure(
                "damaged journal \(path): the record at offset \(offset) (seq \(expected)) is unreadable, but a later"
                    + " record follows at offset \(later)")
        }
        return (records, offset)
    }

    /// The whole file, for recovery.
    func readAll() throws(RaftError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: capacity)
        var done = 0
        var failed = false
        bytes.withUnsafeMutableBytes { buffer in
            while done < capacity {
                let result = pread(descriptor, buffer.baseAddress! + done, capacity - done, off_t(done))
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else {
                    failed = result < 0
                    return
                }
                done += result
            }
        }
        guard !failed else { throw Self.failure("reading", path) }
        guard done == capacity else {
            throw .storageFailure("the journal \(path) ended at \(done) of \(capacity) bytes")
        }
        return bytes
    }

    /// Writes `capacity` zeros into a temporary file, flushes it and renames it into place (then
    /// flushes the folder), so that a crash never leaves a journal of the wrong size.
    private static func create(at path: String, folder: String, capacity: Int) throws(RaftError) {
        let temporary = path + ".new"
        let descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("creating", temporary) }
        defer { close(descriptor) }
        let zeros = [UInt8](repeating: 0, count: min(capacity, 1 << 20))
        var written = 0
        while written < capacity {
            let result = zeros.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress!, min(zeros.count, capacity - written), off_t(written))
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw failure("preallocating", temporary) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure("flushing", temporary) }
        guard rename(temporary, path) == 0 else { throw failure("renaming \(temporary) to", path) }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw failure("opening the folder", folder) }
        defer { close(directory) }
        guard fsync(directory) == 0 else { throw failure("flushing the folder", folder) }
    }

    private static func failure(_ operation: String, _ path: String) -> RaftError {
        .storageFailure("\(operation) the journal \(path) failed: \(String(cString: strerror(errno)))")
    }
}
