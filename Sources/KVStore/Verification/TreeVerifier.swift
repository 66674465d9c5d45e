/// Walks every B-tree of one snapshot of an LMDB data file (the free list, the main database,
/// each named database and each tree of duplicates) and checks every page it reaches, so that
/// LMDB, which trusts its file, is never handed a page it would crash on.
///
/// The walk goes level by level: each round reads the pages the previous round pointed at in
/// ascending page order, so the file is read front to back a few times (once per tree level)
/// rather than hopping about, and each page is read once. Separator keys of branch pages are
/// carried down so that every key is checked against the range its parent promised.
///
/// Overflow runs are checked after the trees (also in file order), then the free list is
/// checked against the pages in use.
struct TreeVerifier {
    let reader: DataFileReader
    let meta: MetaPage
    let pageSize: Int
    let lastPage: UInt64
    /// The last page actually present in the file; every page in use lies at or before it.
    let lastPageInFile: UInt64
    /// LMDB's compile-time key limit (`mdb_env_get_maxkeysize`); no key it wrote is longer.
    let maxKeySize: Int

    /// Pages reached by the trees and overflow runs.
    var live: PageSet
    /// Pages listed in the free list.
    var free: PageSet
    var report: VerificationReport

    var databases: [DatabaseSummary] = []
    var trees: [Tree] = []
    /// Pages of the round being checked, and the keys bounding them.
    var current: [PendingPage] = []
    var currentKeys: [UInt8] = []
    /// Pages found this round, for the next one.
    var next: [PendingPage] = []
    var nextKeys: [UInt8] = []
    var overflowRuns: [OverflowReference] = []

    // Scratch space reused for every page.
    var pageBuffer: [UInt8] = []
    var nodes: [Node] = []
    var keys: [Range<Int>] = []
    var coverage = NodeCoverage()
    var subpageNodes: [Node] = []
    var subpageKeys: [Range<Int>] = []
    var subpageCoverage = NodeCoverage()

    /// Prepares to check the snapshot of `meta`, whose file is `fileLength` bytes long.
    init(reader: DataFileReader, meta: MetaPage, fileLength: Int, maxKeySize: Int) throws(Corruption) {
        self.reader = reader
        self.meta = meta
        self.maxKeySize = maxKeySize
        pageSize = Int(meta.pageSize)
        lastPage = meta.lastPage
        if let problem = meta.identityProblem ?? meta.layoutProblem {
            throw Corruption(page: UInt64(meta.slot), "the meta page is damaged: \(problem)")
        }
        let pagesInFile = UInt64(fileLength / pageSize)
        guard pagesInFile >= PageLayout.metaPageCount, lastPage < pagesInFile + PageLayout.maximumUnwrittenTailPages
        else {
            throw Corruption(
                page: UInt64(meta.slot),
                "the meta page says pages run up to \(lastPage), but the file holds only \(pagesInFile) pages: it was truncated"
            )
        }
        // Pages in use must be in the file; only free pages may lie in the unwritten tail.
        lastPageInFile = min(lastPage, pagesInFile - 1)
        live = PageSet(lastPage: lastPage)
        free = PageSet(lastPage: lastPage)
        report = VerificationReport(
            transactionID: meta.transactionID, metaPage: meta.slot, pageSize: pageSize, lastPage: lastPage)
    }

    /// Checks the whole snapshot; throws the first `Corruption` found.
    mutating func run() throws -> VerificationReport {
        let metaPage = UInt64(meta.slot)
        databases.append(DatabaseSummary(name: nil, label: "the free list", flags: 0))
        databases.append(DatabaseSummary(name: "", label: "the main database", flags: meta.main.flags))
        do throws(Corruption) {
            try addTree(meta.freeList, role: .freeList, database: 0, from: metaPage)
            try addTree(meta.main, role: .keys, database: 1, from: metaPage)
        } catch var corruption {
            corruption.page = corruption.page ?? metaPage
            corruption.location = "the meta page"
            throw corruption
        }
        report.depths[""] = Int(meta.main.depth)

        while !next.isEmpty {
            swap(&current, &next)
            swap(&currentKeys, &nextKeys)
            next.removeAll(keepingCapacity: true)
            nextKeys.removeAll(keepingCapacity: true)
            current.sort { $0.page < $1.page }
            for item in current {
                do {
                    try verifyPage(item)
                } catch var corruption as Corruption {
                    if corruption.page == nil { corruption.page = item.page }
                    if corruption.location == nil { corruption.location = describe(item) }
                    throw corruption
                }
            }
        }
        try verifyOverflowRuns()
        if let page = live.firstCommonPage(with: free) {
            throw Corruption(
                page: page, "it is in use and also listed in the free list, so LMDB would hand it out again")
        }
        report.freePages = free.count
        report.mainEntries = databases[1].entries
        for database in databases.dropFirst(2) {
            if let name = database.name { report.databases[name] = database.entries }
        }
        return report
    }

    // MARK: - Trees

    /// Validates a tree's record and queues its root, reached from page `parent`.
    mutating func addTree(
        _ record: DatabaseRecord, role: Tree.Role, database: Int, from parent: UInt64
    ) throws(Corruption) {
        let label =
            role == .duplicates ? "a tree of duplicates in \(databases[database].label)" : databases[database].label
        if role != .freeList, record.flags & ~DatabaseFlags.all != 0 {
            throw Corruption("\(label) has unknown database flags 0x\(String(record.flags, radix: 16))")
        }
        if record.isEmpty {
            guard record.depth == 0 else {
                throw Corruption("\(label) is empty but records a depth of \(record.depth)")
            }
            return
        }
        guard record.root >= PageLayout.metaPageCount, record.root <= lastPageInFile else {
            throw Corruption(
                "the root of \(label) is page \(record.root), outside the pages in the file (2...\(lastPageInFile)): truncated or damaged"
            )
        }
        guard (1...PageLayout.maximumDepth).contains(Int(record.depth)) else {
            throw Corruption("\(label) records a depth of \(record.depth)")
        }
        let flags = databases[database].flags
        var fixedSize = 0
        if role == .duplicates, flags & DatabaseFlags.dupFixed != 0 {
            fixedSize = Int(record.pad)
            guard fixedSize <= maxKeySize else {
                throw Corruption("\(label) records a value size of \(fixedSize), above LMDB's limit of \(maxKeySize)")
            }
        }
        guard live.insert(record.root) else {
            throw Corruption(page: record.root, "the root of \(label) is also used elsewhere in the file")
        }
        let order: KeyOrder =
            switch role {
            case .freeList: .integer
            case .keys: KeyOrder(keysOf: flags)
            case .duplicates: KeyOrder(duplicatesOf: flags)
            }
        trees.append(
            Tree(role: role, database: Int32(database), depth: Int(record.depth), order: order, fixedSize: fixedSize))
        next.append(
            PendingPage(
                page: record.root, parent: parent, tree: Int32(trees.count - 1), level: 1, lower: .unbounded,
                upper: .unbounded))
    }

    func describe(_ item: PendingPage) -> String {
        let tree = trees[Int(item.tree)]
        let label = databases[Int(tree.database)].label
        let name = tree.role == .duplicates ? "a tree of duplicates in \(label)" : label
        return "level \(item.level) of \(tree.depth) in \(name), reached from page \(item.parent)"
    }

    // MARK: - Pages

    mutating func verifyPage(_ item: PendingPage) throws {
        try reader.read(offset: Int(item.page) * pageSize, count: pageSize, into: &pageBuffer)
        let page = ByteWindow(pageBuffer)
        let number = try page.uint64(at: PageLayout.pageNumberOffset)
        guard number == item.page else {
            throw Corruption("its header says it is page \(number): the page was overwritten, moved or misdirected")
        }
        let flags = try page.uint16(at: PageLayout.flagsOffset)
        let lower = Int(try page.uint16(at: PageLayout.lowerOffset))
        let upper = Int(try page.uint16(at: PageLayout.upperOffset))
        let tree = trees[Int(item.tree)]
        let atLeafLevel = Int(item.level) == tree.depth
        switch flags {
        case PageFlags.branch:
            guard !atLeafLevel else { throw Corruption("a branch page where the tree's leaves should be") }
            let count = try nodeCount(lower: lower, upper: upper, size: pageSize)
            try verifyBranch(page, item: item, count: count, upper: upper)
            report.branchPages += 1
        case PageFlags.leaf:
            guard atLeafLevel else { throw Corruption("a leaf page above the tree's leaf level") }
            let count = try nodeCount(lower: lower, upper: upper, size: pageSize)
            try verifyLeaf(page, item: item, count: count, upper: upper)
            report.leafPages += 1
        case PageFlags.leaf | PageFlags.leaf2:
            guard atLeafLevel else { throw Corruption("a leaf page above the tree's leaf level") }
            guard tree.role == .duplicates, databases[Int(tree.database)].flags & DatabaseFlags.dupFixed != 0 else {
                throw Corruption("a fixed-size (LEAF2) page outside a tree of fixed-size duplicates")
            }
            let count = try nodeCount(lower: lower, upper: upper, size: pageSize)
            try verifyFixedSizeKeys(
                page, count: count, keySize: tree.fixedSize, tree: Int(item.tree), lower: item.lower, upper: item.upper)
            databases[Int(tree.database)].entries += count
            report.leafPages += 1
        default:
            throw Corruption("its flags 0x\(String(flags, radix: 16)) are not those of a branch or leaf page")
        }
    }

    /// `NUMKEYS`, after checking that the header's bounds make sense for a container of `size`.
    func nodeCount(lower: Int, upper: Int, size: Int) throws(Corruption) -> Int {
        guard lower >= PageLayout.pointersOffset, lower & 1 == 0, lower <= upper, upper <= size else {
            throw Corruption("its free-space bounds (lower \(lower), upper \(upper)) are impossible for \(size) bytes")
        }
        let count = (lower - PageLayout.pointersOffset) / 2
        guard count > 0 else { throw Corruption("it holds no entries") }
        return count
    }

    mutating func verifyBranch(_ page: ByteWindow, item: PendingPage, count: Int, upper: Int) throws(Corruption) {
        let tree = trees[Int(item.tree)]
        // LMDB asserts (aborts) on a branch page with fewer than two entries: on a search in
        // any tree but the free list, and in mdb_rebalance in every tree. No committed tree
        // has one; LMDB collapses or refills such a page before it commits.
        guard count >= 2 else {
            throw Corruption("a branch page with only \(count) entry")
        }
        try parseNodes(page, isBranch: true, count: count, upper: upper, coverage: &coverage, into: &nodes)
        keys.removeAll(keepingCapacity: true)
        for node in nodes {
            try checkKeySize(node, minimum: 0)
            keys.append(node.key)
        }
        var integerSize = trees[Int(item.tree)].integerSize
        try checkOrder(
            page.bytes, keys, from: 1, order: tree.order, integerSize: &integerSize, lower: item.lower,
            upper: item.upper)
        trees[Int(item.tree)].integerSize = integerSize

        // Queue the children with the key range each may hold.
        let parentLower = store(item.lower)
        let parentUpper = store(item.upper)
        var childLower = parentLower
        for (index, node) in nodes.enumerated() {
            let child = UInt64(node.low) | UInt64(node.high) << 16 | UInt64(node.flags) << 32
            guard child >= PageLayout.metaPageCount, child <= lastPageInFile else {
                throw Corruption(
                    "entry \(index) points at page \(child), outside the pages in the file (2...\(lastPageInFile)): truncated or damaged"
                )
            }
            guard live.insert(child) else {
                throw Corruption(
                    "entry \(index) points at page \(child), which is reached twice (a cycle, or pages shared)")
            }
            let childUpper = index + 1 < nodes.count ? store(page.bytes, nodes[index + 1].key) : parentUpper
            next.append(
                PendingPage(
                    page: child, parent: item.page, tree: item.tree, level: item.level + 1, lower: childLower,
                    upper: childUpper))
            childLower = childUpper
        }
    }
}

extension TreeVerifier {
    /// A tree being walked.
    struct Tree {
        enum Role { case freeList, keys, duplicates }
        let role: Role
        /// Index into `databases`: the database the tree belongs to.
        let database: Int32
        /// `md_depth`: every leaf must be exactly this many levels down.
        let depth: Int
        let order: KeyOrder
        /// The size of each value on `P_LEAF2` pages (`md_pad`), for fixed-size duplicates.
        let fixedSize: Int
        /// The size all integer keys of the tree have, once one was seen.
        var integerSize: Int?
    }

    /// A database: the free list, the main database or a named one.
    struct DatabaseSummary {
        /// The name of a named database, `""` for the main one, `nil` for the free list.
        let name: String?
        let label: String
        /// `md_flags`.
        let flags: UInt16
        /// Entries found so far, duplicates counted one by one.
        var entries = 0
    }

    /// A page waiting to be checked in the next round.
    struct PendingPage {
        var page: UInt64
        /// The page that points at it, for messages.
        var parent: UInt64
        var tree: Int32
        /// 1 for the root.
        var level: UInt16
        /// The keys of this page must sort at or after `lower` and before `upper`.
        var lower: KeyBound
        var upper: KeyBound
    }

    /// A key in the round's key store, or no bound at all.
    struct KeyBound {
        var start: Int
        var count: Int
        static let unbounded = KeyBound(start: -1, count: 0)
        var isBounded: Bool { start >= 0 }
        var range: Range<Int> { start..<(start + count) }
    }

    /// A node of a branch or leaf page, as read by `parseNodes`.
    struct Node {
        let index: Int
        /// `mn_lo`, `mn_hi`, `mn_flags`: the data size and flags of a leaf node, the child page
        /// of a branch node.
        let low: UInt16
        let high: UInt16
        let flags: UInt16
        /// Where the key is in the page buffer.
        let key: Range<Int>
        /// Where the data starts, relative to the container.
        let dataOffset: Int
        /// The data size of a leaf node.
        let dataSize: Int
    }
}
