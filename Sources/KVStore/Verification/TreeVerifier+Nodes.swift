/// The node array of a page, the size and order of its keys, and the key store that carries
/// separator keys from one round of the walk to the next.
extension TreeVerifier {
    /// Reads and checks the node-offset array and node headers of a branch or leaf page (or
    /// sub-page): every node inside the node area, on an even offset, with its key (and, on a
    /// leaf, its inline data) inside the container, and no two nodes overlapping.
    func parseNodes(
        _ container: ByteWindow, isBranch: Bool, count: Int, upper: Int, coverage: inout NodeCoverage,
        into nodes: inout [Node]
    ) throws(Corruption) {
        nodes.removeAll(keepingCapacity: true)
        coverage.reset(size: container.count)
        for index in 0..<count {
            let offset = Int(try container.uint16(at: PageLayout.pointersOffset + 2 * index))
            guard offset & 1 == 0, offset >= upper else {
                throw Corruption(
                    "entry \(index) starts at offset \(offset), outside the node area (\(upper)..<\(container.count))"
                        + (offset & 1 == 0 ? "" : " and on an odd byte"))
            }
            let header = try container.window(at: offset, length: NodeLayout.headerSize, "the header of entry \(index)")
            let low = try header.uint16(at: NodeLayout.lowOffset)
            let high = try header.uint16(at: NodeLayout.highOffset)
            let flags = try header.uint16(at: NodeLayout.flagsOffset)
            let keySize = Int(try header.uint16(at: NodeLayout.keySizeOffset))
            let keyOffset = offset + NodeLayout.headerSize
            let key = try container.range(at: keyOffset, length: keySize, "the key of entry \(index)")
            let dataSize = isBranch ? 0 : Int(UInt32(low) | UInt32(high) << 16)
            var extent = NodeLayout.headerSize + keySize
            if !isBranch {
                extent += flags & NodeLayout.bigData != 0 ? 8 : dataSize
                _ = try container.range(at: offset, length: extent, "entry \(index) with its data")
            }
            guard coverage.claim(offset, offset + extent) else {
                throw Corruption("entry \(index) at offset \(offset) overlaps another entry")
            }
            nodes.append(
                Node(
                    index: index, low: low, high: high, flags: flags, key: key, dataOffset: keyOffset + keySize,
                    dataSize: dataSize))
        }
    }

    func checkKeySize(_ node: Node, minimum: Int) throws(Corruption) {
        guard node.key.count >= minimum, node.key.count <= maxKeySize else {
            throw Corruption(
                "entry \(node.index) has a \(node.key.count)-byte key; LMDB's keys are \(minimum) to \(maxKeySize) bytes"
            )
        }
    }

    /// Checks that `keys[from...]` ascend strictly in `order` and lie in `lower..<upper`.
    func checkOrder(
        _ bytes: [UInt8], _ keys: [Range<Int>], from first: Int, order: KeyOrder, integerSize: inout Int?,
        lower: KeyBound, upper: KeyBound
    ) throws(Corruption) {
        guard first < keys.count else { return }
        if order == .integer {
            for index in first..<keys.count {
                let size = keys[index].count
                guard size == 4 || size == 8 else {
                    throw Corruption("entry \(index) has a \(size)-byte integer key; integer keys are 4 or 8 bytes")
                }
                if let expected = integerSize, expected != size {
                    throw Corruption(
                        "entry \(index) has a \(size)-byte integer key where the others are \(expected) bytes")
                }
                integerSize = size
            }
        }
        for index in (first + 1)..<max(first + 1, keys.count)
        where !order.precedes(bytes, keys[index - 1], bytes, keys[index]) {
            throw Corruption("entry \(index) is not in ascending key order after entry \(index - 1)")
        }
        if lower.isBounded, order.precedes(bytes, keys[first], currentKeys, lower.range) {
            throw Corruption("entry \(first) sorts before the separator key its parent page gives this page")
        }
        if upper.isBounded, !order.precedes(bytes, keys[keys.count - 1], currentKeys, upper.range) {
            throw Corruption(
                "entry \(keys.count - 1) sorts at or after the separator key of the next page in its parent")
        }
    }

    /// Copies a bound of the current round into the next round's key store.
    mutating func store(_ bound: KeyBound) -> KeyBound {
        guard bound.isBounded else { return .unbounded }
        let start = nextKeys.count
        nextKeys.append(contentsOf: currentKeys[bound.range])
        return KeyBound(start: start, count: bound.count)
    }

    /// Copies a key of the page being checked into the next round's key store.
    mutating func store(_ bytes: [UInt8], _ key: Range<Int>) -> KeyBound {
        let start = nextKeys.count
        nextKeys.append(contentsOf: bytes[key])
        return KeyBound(start: start, count: key.count)
    }
}
