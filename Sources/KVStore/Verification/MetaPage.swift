/// An `MDB_db` record: the root and statistics of one B-tree, as stored in a meta page (the
/// free list and the main database), in the main database (a named database) or in a leaf of
/// a `MDB_DUPSORT` database (the tree of one key's duplicates).
struct DatabaseRecord: Equatable {
    var pad: UInt32
    var flags: UInt16
    var depth: UInt16
    var branchPages: UInt64
    var leafPages: UInt64
    var overflowPages: UInt64
    var entries: UInt64
    var root: UInt64

    /// Reads the 48-byte record at `offset` of `window`.
    init(in window: ByteWindow, at offset: Int) throws(Corruption) {
        let record = try window.window(at: offset, length: DatabaseRecordLayout.size, "a database record")
        pad = try record.uint32(at: DatabaseRecordLayout.padOffset)
        flags = try record.uint16(at: DatabaseRecordLayout.flagsOffset)
        depth = try record.uint16(at: DatabaseRecordLayout.depthOffset)
        branchPages = try record.uint64(at: DatabaseRecordLayout.branchPagesOffset)
        leafPages = try record.uint64(at: DatabaseRecordLayout.leafPagesOffset)
        overflowPages = try record.uint64(at: DatabaseRecordLayout.overflowPagesOffset)
        entries = try record.uint64(at: DatabaseRecordLayout.entriesOffset)
        root = try record.uint64(at: DatabaseRecordLayout.rootOffset)
    }

    var isEmpty: Bool { root == PageLayout.invalidPage }
}

/// One of the two meta pages: the entry point of a snapshot of the whole file.
struct MetaPage {
    /// 0 or 1: where the page is in the file.
    let slot: Int
    let pageNumber: UInt64
    let pageFlags: UInt16
    let magic: UInt32
    let version: UInt32
    let mapSize: UInt64
    let freeList: DatabaseRecord
    let main: DatabaseRecord
    let lastPage: UInt64
    let transactionID: UInt64

    /// The page size, stored as `md_pad` of the free list's record (`mm_psize`).
    var pageSize: UInt32 { freeList.pad }

    /// Parses the meta page held in `page` (at least `MetaLayout.offsetInPage + MetaLayout.size`
    /// bytes) without judging it.
    init(slot: Int, page: ByteWindow) throws(Corruption) {
        self.slot = slot
        pageNumber = try page.uint64(at: PageLayout.pageNumberOffset)
        pageFlags = try page.uint16(at: PageLayout.flagsOffset)
        let meta = try page.window(at: MetaLayout.offsetInPage, length: MetaLayout.size, "the meta record")
        magic = try meta.uint32(at: MetaLayout.magicOffset)
        version = try meta.uint32(at: MetaLayout.versionOffset)
        mapSize = try meta.uint64(at: MetaLayout.mapSizeOffset)
        freeList = try DatabaseRecord(in: meta, at: MetaLayout.freeDatabaseOffset)
        main = try DatabaseRecord(in: meta, at: MetaLayout.mainDatabaseOffset)
        lastPage = try meta.uint64(at: MetaLayout.lastPageOffset)
        transactionID = try meta.uint64(at: MetaLayout.transactionIDOffset)
    }

    /// What LMDB itself checks before it accepts the page (`mdb_env_read_header`): the
    /// `P_META` flag and the magic. `nil` when both are right.
    var identityProblem: String? {
        if pageFlags & PageFlags.meta == 0 {
            return "its page flags 0x\(String(pageFlags, radix: 16)) lack P_META"
        }
        if magic != MetaLayout.magic {
            return "its magic is 0x\(String(magic, radix: 16)), not 0x\(String(MetaLayout.magic, radix: 16))"
        }
        return nil
    }

    /// Why the fields LMDB trusts without checking cannot be right, or `nil`. LMDB divides
    /// by the page size and maps `(lastPage + 1) * pageSize` bytes, so a zero or absurd value
    /// would crash or mislead it inside `mdb_env_open`.
    var layoutProblem: String? {
        if pageNumber != UInt64(slot) {
            return "its header says it is page \(pageNumber)"
        }
        let size = Int(pageSize)
        if !PageLayout.pageSizes.contains(size) || size & (size - 1) != 0 {
            return "its page size \(pageSize) is not a power of two between "
                + "\(PageLayout.pageSizes.lowerBound) and \(PageLayout.pageSizes.upperBound)"
        }
        if lastPage < PageLayout.metaPageCount - 1 || lastPage >= UInt64(Int.max / size) {
            return "its last page number \(lastPage) is impossible"
        }
        return nil
    }
}

/// Both meta pages, and the one LMDB's transactions will read.
struct MetaPages {
    let pages: [MetaPage]

    /// The meta page of the snapshot LMDB opens. LMDB takes the larger transaction id (meta
    /// page 0 on a tie, `mdb_env_pick_meta`), publishes it in the lock file, and then every
    /// transaction reads the meta page in slot `txnid & 1`. Normally that is the same page;
    /// when damage has broken the pairing, it is the page LMDB will really use.
    var current: MetaPage {
        let newest = pages[0].transactionID >= pages[1].transactionID ? pages[0] : pages[1]
        return pages[Int(newest.transactionID & 1)]
    }

    /// The other meta page: the previous snapshot.
    var previous: MetaPage { pages[1 - current.slot] }

    var transactionIDs: [UInt64] { pages.map(\.transactionID) }

    /// Reads and checks both meta pages of the file behind `reader`, the way LMDB will find
    /// them: page 0 at offset 0, page 1 one page size (as page 0 states it) further on.
    ///
    /// Throws `StoreError`: `.notAnEnvironment` when page 0 is not an LMDB meta page and no
    /// intact page 1 can be found either (a foreign file), `.versionMismatch` for another
    /// format version, `.corrupted` when one meta page is damaged or the two disagree.
    static func read(from reader: DataFileReader) throws(StoreError) -> MetaPages {
        let path = reader.path
        let length = try reader.length()
        let metaBytes = MetaLayout.offsetInPage + MetaLayout.size
        guard length >= metaBytes else {
            throw StoreError(
                kind: .notAnEnvironment, operation: "verify",
                message: "\(path) is \(length) bytes long, too short to be an LMDB data file")
        }
        let first = try metaPage(slot: 0, at: 0, from: reader)
        if let problem = first.identityProblem {
            if let second = findIntactSecondPage(from: reader, length: length) {
                throw StoreError(
                    kind: .corrupted, operation: "verify",
                    message: "\(path): meta page 0 is damaged (\(problem)); meta page 1 (txn "
                        + "\(second.transactionID)) looks intact, but LMDB refuses a file with a damaged "
                        + "meta page: restore the data folder from a copy or a peer")
            }
            throw StoreError(
                kind: .notAnEnvironment, operation: "verify",
                message: "\(path) is not an LMDB data file: meta page 0 is not one (\(problem))")
        }
        try checkVersion(of: first, path: path)
        if let problem = first.layoutProblem {
            throw StoreError(
                kind: .corrupted, operation: "verify", message: "\(path): meta page 0 is damaged: \(problem)")
        }
        let pageSize = Int(first.pageSize)
        guard length >= pageSize + metaBytes else {
            throw StoreError(
                kind: .corrupted, operation: "verify",
                message: "\(path) is \(length) bytes long: it was truncated inside meta page 1")
        }
        let second = try metaPage(slot: 1, at: pageSize, from: reader)
        if let problem = second.identityProblem ?? second.layoutProblem {
            throw StoreError(
                kind: .corrupted, operation: "verify",
                message: "\(path): meta page 1 is damaged (\(problem)); meta page 0 (txn \(first.transactionID)) "
                    + "looks intact, but LMDB refuses a file with a damaged meta page: restore the data folder "
                    + "from a copy or a peer")
        }
        try checkVersion(of: second, path: path)
        guard second.pageSize == first.pageSize else {
            throw StoreError(
                kind: .corrupted, operation: "verify",
                message: "\(path): the meta pages disagree on the page size (\(first.pageSize) and "
                    + "\(second.pageSize)); one of them is damaged")
        }
        return MetaPages(pages: [first, second])
    }

    private static func metaPage(slot: Int, at offset: Int, from reader: DataFileReader) throws(StoreError) -> MetaPage
    {
        var bytes: [UInt8] = []
        do {
            try reader.read(offset: offset, count: MetaLayout.offsetInPage + MetaLayout.size, into: &bytes)
            return try MetaPage(slot: slot, page: ByteWindow(bytes))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(
                kind: .corrupted, operation: "verify",
                message: "\(reader.path): cannot read meta page \(slot): \(error)")
        }
    }

    private static func checkVersion(of page: MetaPage, path: String) throws(StoreError) {
        guard page.version == MetaLayout.version else {
            throw StoreError(
                kind: .versionMismatch, operation: "verify",
                message: "\(path): meta page \(page.slot) is of data format version \(page.version); "
                    + "this LMDB reads version \(MetaLayout.version)")
        }
    }

    /// With page 0 damaged its page size is unknown, so look for an intact page 1 at every
    /// page size LMDB could have used; only to tell a damaged environment from a foreign file.
    private static func findIntactSecondPage(from reader: DataFileReader, length: Int) -> MetaPage? {
        var size = PageLayout.pageSizes.lowerBound
        while size <= PageLayout.pageSizes.upperBound {
            if length >= size + MetaLayout.offsetInPage + MetaLayout.size,
                let page = try? metaPage(slot: 1, at: size, from: reader),
                page.identityProblem == nil, page.layoutProblem == nil, Int(page.pageSize) == size
            {
                return page
            }
            size *= 2
        }
        return nil
    }
}
