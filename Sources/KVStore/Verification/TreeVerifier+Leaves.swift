/// Leaf pages: the entries of each kind of tree, duplicates kept inside an entry (sub-pages)
/// and the packed pages of fixed-size duplicates.
extension TreeVerifier {
    /// A leaf page: its keys (sized and ordered for its tree), then each entry by what the
    /// tree holds: free-page lists, values and database records, or bare duplicates.
    mutating func verifyLeaf(_ page: ByteWindow, item: PendingPage, count: Int, upper: Int) throws {
        let treeIndex = Int(item.tree)
        let tree = trees[treeIndex]
        let database = Int(tree.database)
        try parseNodes(page, isBranch: false, count: count, upper: upper, coverage: &coverage, into: &nodes)
        keys.removeAll(keepingCapacity: true)
        for node in nodes {
            switch tree.role {
            case .freeList:
                guard node.key.count == 8 else {
                    throw Corruption("free-list entry \(node.index) has a \(node.key.count)-byte key, not a txn id")
                }
            case .keys: try checkKeySize(node, minimum: 1)
            case .duplicates: try checkKeySize(node, minimum: 0)
            }
            keys.append(node.key)
        }
        var integerSize = tree.integerSize
        try checkOrder(
            page.bytes, keys, from: 0, order: tree.order, integerSize: &integerSize, lower: item.lower,
            upper: item.upper)
        trees[treeIndex].integerSize = integerSize

        for node in nodes {
            switch tree.role {
            case .freeList: try verifyFreeListEntry(node, in: page, item: item)
            case .keys: try verifyRecord(node, in: page, item: item, database: database)
            case .duplicates:
                guard node.flags == 0, node.dataSize == 0 else {
                    throw Corruption(
                        "duplicate \(node.index) carries data (flags 0x\(String(node.flags, radix: 16)), "
                            + "\(node.dataSize) bytes); duplicates are keys only")
                }
            }
        }
        databases[database].entries += tree.role == .keys ? 0 : count
    }

    /// One leaf entry of the main database or of a named one.
    mutating func verifyRecord(_ node: Node, in page: ByteWindow, item: PendingPage, database: Int) throws(Corruption) {
        let flags = databases[database].flags
        let sorted = flags & DatabaseFlags.dupSort != 0
        let isMain = database == 1
        switch node.flags {
        case 0:
            guard !sorted || node.dataSize <= maxKeySize else {
                throw Corruption(
                    "entry \(node.index) holds a \(node.dataSize)-byte value in a sorted-duplicates database, "
                        + "above LMDB's limit of \(maxKeySize)")
            }
            databases[database].entries += 1
        case NodeLayout.bigData:
            guard !sorted else {
                throw Corruption("entry \(node.index) has an overflow value in a sorted-duplicates database")
            }
            try queueOverflow(node, in: page, item: item, carriesFreePages: false)
            databases[database].entries += 1
        case NodeLayout.subData:
            guard isMain, flags & (DatabaseFlags.dupSort | DatabaseFlags.integerKey) == 0 else {
                throw Corruption("entry \(node.index) is marked as a named database where none can be")
            }
            guard node.dataSize == DatabaseRecordLayout.size else {
                throw Corruption("named database \(node.index) has a \(node.dataSize)-byte record, not 48")
            }
            let record = try DatabaseRecord(in: page, at: node.dataOffset)
            let name = String(decoding: page.bytes[node.key], as: UTF8.self)
            databases.append(DatabaseSummary(name: name, label: "database '\(name)'", flags: record.flags))
            report.depths[name] = Int(record.depth)
            databases[database].entries += 1
            try addTree(record, role: .keys, database: databases.count - 1, from: item.page)
        case NodeLayout.dupData:
            guard sorted else {
                throw Corruption("entry \(node.index) holds duplicates in a database without sorted duplicates")
            }
            let values = try page.window(at: node.dataOffset, length: node.dataSize, "the duplicates")
            databases[database].entries += try verifySubpage(values, flags: flags, entry: node.index)
        case NodeLayout.dupData | NodeLayout.subData:
            guard sorted else {
                throw Corruption("entry \(node.index) holds duplicates in a database without sorted duplicates")
            }
            guard node.dataSize == DatabaseRecordLayout.size else {
                throw Corruption("entry \(node.index) has a \(node.dataSize)-byte duplicates record, not 48")
            }
            let record = try DatabaseRecord(in: page, at: node.dataOffset)
            try addTree(record, role: .duplicates, database: database, from: item.page)
        default:
            throw Corruption("entry \(node.index) has invalid node flags 0x\(String(node.flags, radix: 16))")
        }
    }

    /// The duplicates of one key, kept inside its leaf entry as a small page of their own.
    /// Returns how many there are.
    mutating func verifySubpage(_ subpage: ByteWindow, flags: UInt16, entry: Int) throws(Corruption) -> Int {
        do throws(Corruption) {
            guard subpage.count >= PageLayout.headerSize else {
                throw Corruption("it is \(subpage.count) bytes, shorter than a page header")
            }
            let pageFlags = try subpage.uint16(at: PageLayout.flagsOffset) & ~PageFlags.dirty
            let fixed = flags & DatabaseFlags.dupFixed != 0
            let expected = PageFlags.leaf | PageFlags.subpage | (fixed ? PageFlags.leaf2 : 0)
            guard pageFlags == expected else {
                throw Corruption(
                    "its flags 0x\(String(pageFlags, radix: 16)) should be 0x\(String(expected, radix: 16))")
            }
            let lower = Int(try subpage.uint16(at: PageLayout.lowerOffset))
            let upper = Int(try subpage.uint16(at: PageLayout.upperOffset))
            let count = try nodeCount(lower: lower, upper: upper, size: subpage.count)
            let order = KeyOrder(duplicatesOf: flags)
            var integerSize: Int?
            if fixed {
                let keySize = Int(try subpage.uint16(at: PageLayout.padOffset))
                try fixedSizeKeys(subpage, count: count, keySize: keySize, into: &subpageKeys)
            } else {
                try parseNodes(
                    subpage, isBranch: false, count: count, upper: upper, coverage: &subpageCoverage,
                    into: &subpageNodes)
                subpageKeys.removeAll(keepingCapacity: true)
                for node in subpageNodes {
                    guard node.flags == 0, node.dataSize == 0 else {
                        throw Corruption("duplicate \(node.index) carries data; duplicates are keys only")
                    }
                    try checkKeySize(node, minimum: 0)
                    subpageKeys.append(node.key)
                }
            }
            try checkOrder(
                subpage.bytes, subpageKeys, from: 0, order: order, integerSize: &integerSize, lower: .unbounded,
                upper: .unbounded)
            return count
        } catch var corruption {
            corruption.problem = "the duplicates of entry \(entry): \(corruption.problem)"
            throw corruption
        }
    }

    /// A `P_LEAF2` page of a tree of fixed-size duplicates: keys packed after the header.
    mutating func verifyFixedSizeKeys(
        _ page: ByteWindow, count: Int, keySize: Int, tree: Int, lower: KeyBound, upper: KeyBound
    ) throws(Corruption) {
        try fixedSizeKeys(page, count: count, keySize: keySize, into: &keys)
        var integerSize = trees[tree].integerSize
        try checkOrder(
            page.bytes, keys, from: 0, order: trees[tree].order, integerSize: &integerSize, lower: lower, upper: upper)
        trees[tree].integerSize = integerSize
    }

    /// The key ranges of a `P_LEAF2` container (`LEAF2KEY`).
    func fixedSizeKeys(
        _ container: ByteWindow, count: Int, keySize: Int, into ranges: inout [Range<Int>]
    )
        throws(Corruption)
    {
        guard keySize <= maxKeySize else {
            throw Corruption("its values are \(keySize) bytes each, above LMDB's limit of \(maxKeySize)")
        }
        _ = try container.range(
            at: PageLayout.headerSize, length: count * keySize, "\(count) values of \(keySize) bytes")
        ranges.removeAll(keepingCapacity: true)
        for index in 0..<count {
            ranges.append(try container.range(at: PageLayout.headerSize + index * keySize, length: keySize, "a value"))
        }
    }
}
