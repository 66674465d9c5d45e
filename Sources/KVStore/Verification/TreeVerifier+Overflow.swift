/// Overflow runs (values too large for a leaf) and the free list, whose entries are lists of
/// page numbers that LMDB will reuse, so each must name a page that is really free.
extension TreeVerifier {
    /// A value stored in an overflow run, to check once the trees are done.
    struct OverflowReference {
        let page: UInt64
        /// The leaf page that points at it.
        let parent: UInt64
        let dataSize: Int
        let tree: Int32
        /// The leaf entry's index in its page, for messages.
        let entry: Int
        /// A free-list entry: the run holds page numbers, which are read and checked too.
        let carriesFreePages: Bool
    }

    /// Notes the overflow run of a `F_BIGDATA` leaf entry.
    mutating func queueOverflow(
        _ node: Node, in page: ByteWindow, item: PendingPage, carriesFreePages: Bool
    ) throws(Corruption) {
        let first = try page.uint64(at: node.dataOffset)
        overflowRuns.append(
            OverflowReference(
                page: first, parent: item.page, dataSize: node.dataSize, tree: item.tree, entry: node.index,
                carriesFreePages: carriesFreePages))
    }

    /// One entry of the free list: the pages freed by one transaction, inline or in an
    /// overflow run.
    mutating func verifyFreeListEntry(_ node: Node, in page: ByteWindow, item: PendingPage) throws {
        switch node.flags {
        case 0:
            let list = try page.window(at: node.dataOffset, length: node.dataSize, "the free-page list")
            try addFreePages(list, entry: node.index)
        case NodeLayout.bigData:
            try queueOverflow(node, in: page, item: item, carriesFreePages: true)
        default:
            throw Corruption("free-list entry \(node.index) has invalid node flags 0x\(String(node.flags, radix: 16))")
        }
    }

    /// Reads an `MDB_IDL`: a count, then that many page numbers in descending order, each a
    /// page LMDB may reuse: not a meta page, not past the last page, not listed twice.
    mutating func addFreePages(_ list: ByteWindow, entry: Int) throws(Corruption) {
        guard list.count >= 8, list.count % 8 == 0 else {
            throw Corruption("free-list entry \(entry) is \(list.count) bytes, not a list of page numbers")
        }
        let count = try list.uint64(at: 0)
        guard count <= UInt64(list.count / 8 - 1) else {
            throw Corruption("free-list entry \(entry) claims \(count) pages but has room for \(list.count / 8 - 1)")
        }
        var previous = UInt64.max
        for index in 0..<Int(count) {
            let page = try list.uint64(at: 8 + 8 * index)
            guard page >= PageLayout.metaPageCount, page <= lastPage else {
                throw Corruption(
                    "free-list entry \(entry) lists page \(page), outside the pages in use (2...\(lastPage))")
            }
            guard page < previous else {
                throw Corruption("free-list entry \(entry) is not in descending page order at page \(page)")
            }
            previous = page
            guard free.insert(page) else {
                throw Corruption("page \(page) is listed in the free list twice")
            }
        }
    }

    /// Checks every overflow run, in file order: a `P_OVERFLOW` header naming its own page, a
    /// run inside the file that is long enough for the value and shares no page with anything
    /// else; the free list's runs are read and their page numbers checked.
    mutating func verifyOverflowRuns() throws {
        overflowRuns.sort { $0.page < $1.page }
        var header: [UInt8] = []
        var list: [UInt8] = []
        for run in overflowRuns {
            do {
                guard run.page >= PageLayout.metaPageCount, run.page <= lastPageInFile else {
                    throw Corruption(
                        page: run.parent,
                        "a value lives in overflow page \(run.page), outside the pages in the file (2...\(lastPageInFile))"
                    )
                }
                let offset = Int(run.page) * pageSize
                try reader.read(offset: offset, count: PageLayout.headerSize, into: &header)
                let page = ByteWindow(header)
                let number = try page.uint64(at: PageLayout.pageNumberOffset)
                guard number == run.page else {
                    throw Corruption("its header says it is page \(number)")
                }
                let flags = try page.uint16(at: PageLayout.flagsOffset)
                guard flags == PageFlags.overflow else {
                    throw Corruption("its flags 0x\(String(flags, radix: 16)) are not those of an overflow page")
                }
                let length = UInt64(try page.uint32(at: PageLayout.overflowPageCountOffset))
                guard length >= 1, length - 1 <= lastPageInFile - run.page else {
                    throw Corruption(
                        "its run of \(length) pages ends past the last page in the file, \(lastPageInFile)")
                }
                guard PageLayout.headerSize + run.dataSize <= Int(length) * pageSize else {
                    throw Corruption("its run of \(length) pages is too short for a \(run.dataSize)-byte value")
                }
                for member in run.page..<(run.page + length) where !live.insert(member) {
                    throw Corruption("its run of \(length) pages overlaps page \(member), which is used elsewhere")
                }
                report.overflowPages += Int(length)
                if run.carriesFreePages {
                    try reader.read(offset: offset + PageLayout.headerSize, count: run.dataSize, into: &list)
                    try addFreePages(ByteWindow(list), entry: run.entry)
                }
            } catch var corruption as Corruption {
                if corruption.page == nil { corruption.page = run.page }
                if corruption.location == nil {
                    let tree = trees[Int(run.tree)]
                    let label = databases[Int(tree.database)].label
                    corruption.location = "an overflow run of \(label), reached from page \(run.parent)"
                }
                throw corruption
            }
        }
    }
}
