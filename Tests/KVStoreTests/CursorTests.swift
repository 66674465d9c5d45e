import KVStore
import Testing

@Suite("Cursors and scans")
struct CursorTests {
    /// An environment with keys 1…20 as big-endian numbers, and a few string keys in another table.
    private func populated(_ folder: TemporaryFolder) throws -> (Environment, numbers: Database, names: Database) {
        let environment = try Environment.open(at: folder.path)
        let numbers = try environment.database("numbers")
        let names = try environment.database("names")
        try environment.write { transaction throws in
            // Inserted out of order: the scan order must come from the keys, not the inserts.
            for number in (1...20 as ClosedRange<UInt64>).shuffled() {
                try transaction.put(BigEndianKey.encode(number), forKey: BigEndianKey.encode(number), in: numbers)
            }
            for name in ["app/a", "app/b", "app/c", "apq", "ap", "tenant/x", "\u{FF}"] {
                try transaction.put(name.bytes, forKey: name.bytes, in: names)
            }
        }
        return (environment, numbers, names)
    }

    private func decoded(_ entries: [Entry]) throws -> [UInt64] {
        try entries.map { try BigEndianKey.decode($0.key) }
    }

    @Test("big-endian keys scan in numeric order, forwards and in reverse, within a range")
    func numericRanges() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, numbers, _) = try populated(folder)
        try environment.read { transaction throws in
            #expect(try decoded(transaction.entries(in: numbers)) == Array(1...20))
            #expect(try decoded(transaction.entries(in: numbers, reverse: true)) == Array((1...20).reversed()))
            let range = KeyRange.from(BigEndianKey.encode(5), to: BigEndianKey.encode(9))
            #expect(try decoded(transaction.entries(in: numbers, range: range)) == [5, 6, 7, 8])
            #expect(try decoded(transaction.entries(in: numbers, range: range, reverse: true)) == [8, 7, 6, 5])
            #expect(try decoded(transaction.entries(in: numbers, range: range, reverse: true, limit: 2)) == [8, 7])
            let pastTheEnd = KeyRange.from(BigEndianKey.encode(18), to: BigEndianKey.encode(100))
            #expect(try decoded(transaction.entries(in: numbers, range: pastTheEnd, reverse: true)) == [20, 19, 18])
            let empty = KeyRange.from(BigEndianKey.encode(30), to: BigEndianKey.encode(40))
            #expect(try transaction.entries(in: numbers, range: empty).isEmpty)
            #expect(try transaction.entries(in: numbers, range: empty, reverse: true).isEmpty)
        }
    }

    @Test("prefix scans return exactly the keys that start with the prefix")
    func prefixes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, _, names) = try populated(folder)
        try environment.read { transaction throws in
            let app = try transaction.entries(in: names, range: .prefix("app/".bytes)).map {
                String(decoding: $0.key, as: UTF8.self)
            }
            #expect(app == ["app/a", "app/b", "app/c"])
            let reversed = try transaction.entries(in: names, range: .prefix("app/".bytes), reverse: true)
            #expect(reversed.map(\.key) == ["app/c", "app/b", "app/a"].map(\.bytes))
            #expect(try transaction.entries(in: names, range: .prefix([0xC3, 0xBF])).count == 1)
            #expect(try transaction.entries(in: names, range: .prefix("zzz".bytes)).isEmpty)
        }
    }

    @Test("a cursor steps and seeks")
    func cursorMoves() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, numbers, _) = try populated(folder)
        try environment.read { transaction throws in
            try transaction.withCursor(over: numbers) { cursor throws in
                #expect(try cursor.first().map { try BigEndianKey.decode($0.key) } == 1)
                #expect(try cursor.next().map { try BigEndianKey.decode($0.key) } == 2)
                #expect(try cursor.last().map { try BigEndianKey.decode($0.key) } == 20)
                #expect(try cursor.next() == nil)
                #expect(try cursor.seek(atLeast: BigEndianKey.encode(7)).map { try BigEndianKey.decode($0.key) } == 7)
                #expect(try cursor.previous().map { try BigEndianKey.decode($0.key) } == 6)
                #expect(try cursor.seek(atLeast: BigEndianKey.encode(21)) == nil)
            }
        }
    }

    @Test("deleteAll removes exactly a range, or everything")
    func deleteRanges() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, numbers, _) = try populated(folder)
        let removed = try environment.write { transaction throws in
            try transaction.deleteAll(in: numbers, range: .from(BigEndianKey.encode(3), to: BigEndianKey.encode(18)))
        }
        #expect(removed == 15)
        #expect(try environment.read { try decoded($0.entries(in: numbers)) } == [1, 2, 18, 19, 20])
        #expect(try environment.write { try $0.deleteAll(in: numbers) } == 5)
        #expect(try environment.read { try $0.count(in: numbers) } == 0)
    }

    @Test("deleteAll of a range that holds every entry empties the table")
    func deleteRangeCoveringEverything() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, numbers, _) = try populated(folder)
        let removed = try environment.write { transaction throws in
            try transaction.deleteAll(in: numbers, range: .from(BigEndianKey.encode(0), to: BigEndianKey.encode(100)))
        }
        #expect(removed == 20)
        #expect(try environment.read { try $0.count(in: numbers) } == 0)
    }

    @Test("a scan can stop early")
    func stopEarly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (environment, numbers, _) = try populated(folder)
        var seen: [UInt64] = []
        try environment.read { transaction throws in
            try transaction.forEach(in: numbers) { entry in
                seen.append(try BigEndianKey.decode(entry.key))
                return seen.count == 3 ? .stop : .continue
            }
        }
        #expect(seen == [1, 2, 3])
    }

    @Test("a prefix range ends at the prefix's successor, or nowhere for all-0xFF prefixes")
    func prefixBounds() {
        #expect(KeyRange.prefix([0x61, 0xFF]).upper == [0x62])
        #expect(KeyRange.prefix([0xFF, 0xFF]).upper == nil)
        #expect(KeyRange.prefix([0xFF, 0xFF]).contains([0xFF, 0xFF, 0x00]))
        #expect(!KeyRange.prefix([0x61]).contains([0x62]))
    }

    @Test("BigEndianKey round-trips and refuses keys of the wrong length")
    func bigEndianKeys() throws {
        for value: UInt64 in [0, 1, 255, 256, 1 << 32, .max] {
            #expect(try BigEndianKey.decode(BigEndianKey.encode(value)) == value)
        }
        #expect(BigEndianKey.encode(258) == [0, 0, 0, 0, 0, 0, 1, 2])
        #expect(throws: StoreError.self) { try BigEndianKey.decode([1, 2, 3]) }
    }
}
