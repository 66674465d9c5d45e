import KVStore
import Testing

@Suite("Map growth")
struct MapGrowthTests {
    @Test(
        "writes past four times the initial map size succeed, and the map grew (copied pages, and written through the map)",
        arguments: [false, true])
    func growsPastFourTimes(writesThroughMap: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = EnvironmentOptions()
        options.mapSize = 1 << 20
        options.writesThroughMap = writesThroughMap
        options.durability = writesThroughMap ? .deferred : .syncOnCommit
        var environment: Environment? = try Environment.open(at: folder.path, options: options)
        try fill(environment!)
        try environment!.sync()
        environment = nil
        // Reopened (and verified page by page), the data is all there.
        let reopened = try Environment.open(at: folder.path, options: options)
        let table = try reopened.database("blobs")
        #expect(try reopened.read { try $0.count(in: table) } == 384)
    }

    /// Writes 6 MiB in 17 transactions into a 1 MiB map and checks it grew.
    private func fill(_ environment: Environment) throws {
        let table = try environment.database("blobs")
        let value = [UInt8](repeating: 7, count: 16 << 10)
        // 6 MiB of values, in transactions of 256 KiB and one single transaction of 2 MiB.
        for batch in 0..<16 {
            try environment.write { transaction throws in
                for item in 0..<16 {
                    try transaction.put(value, forKey: BigEndianKey.encode(UInt64(batch * 16 + item)), in: table)
                }
            }
        }
        try environment.write { transaction throws in
            for item in 256..<384 {
                try transaction.put(value, forKey: BigEndianKey.encode(UInt64(item)), in: table)
            }
        }
        let info = environment.info()
        #expect(info.mapSize >= 4 << 20)
        #expect(info.usedBytes > 4 << 20)
        #expect(try environment.read { try $0.count(in: table) } == 384)
        #expect(try environment.read { try $0.get(BigEndianKey.encode(383), in: table) } == value)
    }

    @Test("at the maximum map size a write fails with mapFull and leaves earlier data intact")
    func maximumIsEnforced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = EnvironmentOptions()
        options.mapSize = 1 << 20
        options.maxMapSize = 2 << 20
        let environment = try Environment.open(at: folder.path, options: options)
        let table = try environment.database("blobs")
        try environment.write { try $0.put("kept".bytes, forKey: "first".bytes, in: table) }
        let value = [UInt8](repeating: 1, count: 64 << 10)
        let error = #expect(throws: StoreError.self) {
            try environment.write { transaction throws in
                for item in 0..<64 {
                    try transaction.put(value, forKey: BigEndianKey.encode(UInt64(item)), in: table)
                }
            }
        }
        #expect(error?.kind == .mapFull)
        #expect(try environment.read { try $0.get("first".bytes, in: table) } == "kept".bytes)
        #expect(try environment.read { try $0.count(in: table) } == 1)
    }

    @Test("a body that swallows the map-full error still gets its write retried after growth")
    func swallowedMapFull() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = EnvironmentOptions()
        options.mapSize = 1 << 20
        let environment = try Environment.open(at: folder.path, options: options)
        let table = try environment.database("blobs")
        let value = [UInt8](repeating: 2, count: 64 << 10)
        var attempts = 0
        try environment.write { transaction throws in
            attempts += 1
            for item in 0..<40 {
                try? transaction.put(value, forKey: BigEndianKey.encode(UInt64(item)), in: table)
            }
        }
        #expect(attempts > 1)
        #expect(try environment.read { try $0.count(in: table) } == 40)
    }
}
