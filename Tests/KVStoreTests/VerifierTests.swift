import CLMDB
import Foundation
import Testing

@testable import KVStore

@Suite("Data file verification")
struct VerifierTests {
    // MARK: - Sound files

    @Test("a healthy environment verifies clean, agrees with LMDB's own figures and opens about as fast")
    func healthyEnvironment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let expected: [String: Int]
        let info: EnvironmentInfo
        let lmdbPages: Int
        let lmdbDepths: [String: Int]
        let maxKeySize: Int
        do {
            let environment = try Environment.open(at: folder.path)
            try Sample.fill(environment)
            expected = try Sample.counts(in: environment)
            info = environment.info()
            (lmdbPages, lmdbDepths) = try Sample.lmdbStatistics(of: environment, names: Sample.names)
            maxKeySize = Int(mdb_env_get_maxkeysize(environment.handle))
        }
        let report = try DataFileVerifier.verify(dataFileAt: folder.child("data.mdb"), maxKeySize: maxKeySize)
        #expect(report.pageSize == info.pageSize)
        #expect(report.lastPage == UInt64(info.lastPageNumber))
        #expect(report.transactionID == UInt64(info.lastTransactionID))
        #expect(report.databases == expected)
        #expect(report.depths == lmdbDepths)
        #expect(report.branchPages + report.leafPages + report.overflowPages == lmdbPages)
        #expect(report.branchPages > 0 && report.overflowPages > 0 && report.freePages > 0)
        // LMDB's own invariant: every page but the metas is in use or free, exactly once.
        #expect(report.unaccountedPages == 0)

    }

    @Test("sorted, fixed-size, integer and reversed databases verify clean, sub-pages and sub-trees included")
    func everyKindOfDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let names = ["dups", "fixed", "integers", "reversed"]
        let statistics: [String: Int]
        let maxKeySize: Int
        do {
            let environment = try Environment.open(at: folder.path)
            try Sample.fillWithLMDBFlags(environment)
            statistics = try environment.read { transaction in
                var entries: [String: Int] = [:]
                for name in names {
                    var handle = MDB_dbi()
                    try check(mdb_dbi_open(transaction.handle, name, 0, &handle), "mdb_dbi_open")
                    var stat = MDB_stat()
                    try check(mdb_stat(transaction.handle, handle, &stat), "mdb_stat")
                    entries[name] = stat.ms_entries
                }
                return entries
            }
            maxKeySize = Int(mdb_env_get_maxkeysize(environment.handle))
        }
        let report = try DataFileVerifier.verify(dataFileAt: folder.child("data.mdb"), maxKeySize: maxKeySize)
        #expect(report.databases == statistics)
        #expect(report.unaccountedPages == 0)

        // The file opens (it is sound), but ECS refuses to use databases with flags it never
        // writes, rather than compare its keys under rules they do not follow.
        let environment = try Environment.open(at: folder.path)
        for name in names {
            let error = #expect(throws: StoreError.self) { try environment.database(name, create: false) }
            #expect(error?.kind == .corrupted)
        }
    }

    @Test("every file LMDB writes under a random workload verifies clean, and so do its copies")
    func randomWorkload() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.child("live"))
        let tables = try ["a", "b", "c"].map { try environment.database($0) }
        let dups = try environment.write { transaction in
            var handle = MDB_dbi()
            try check(mdb_dbi_open(transaction.handle, "dups", UInt32(MDB_CREATE | MDB_DUPSORT), &handle), "open")
            return handle
        }
        let maxKeySize = Int(mdb_env_get_maxkeysize(environment.handle))
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<40 {
            try environment.write { transaction in
                for _ in 0..<Int.random(in: 1...300, using: &generator) {
                    let table = tables[Int.random(in: 0..<tables.count, using: &generator)]
                    let key = BigEndianKey.encode(UInt64.random(in: 0..<3000, using: &generator))
                    switch Int.random(in: 0..<20, using: &generator) {
                    case 0..<10:
                        let sizes = [0...50, 100...1500, 2000...9000][Int.random(in: 0..<3, using: &generator)]
                        let value = [UInt8](repeating: 3, count: Int.random(in: sizes, using: &generator))
                        try transaction.put(value, forKey: key, in: table)
                    case 10..<15:
                        try transaction.delete(key, in: table)
                    case 15..<19:
                        var value = Array("\(Int.random(in: 0..<500, using: &generator))".utf8)
                        var dupKey = Array(key.suffix(1))
                        let code = dupKey.withValue { keyValue in
                            value.withValue { data in
                                Int.random(in: 0..<3, using: &generator) == 0
                                    ? mdb_del(transaction.handle, dups, &keyValue, &data)
                                    : mdb_put(transaction.handle, dups, &keyValue, &data, 0)
                            }
                        }
                        if code != MDB_NOTFOUND { try check(code, "dups") }
                        value.removeAll()
                        dupKey.removeAll()
                    default:
                        let start = UInt64.random(in: 0..<3000, using: &generator)
                        _ = try transaction.deleteAll(
                            in: table, range: .from(BigEndianKey.encode(start), to: BigEndianKey.encode(start + 200)))
                    }
                }
            }
            let report = try DataFileVerifier.verify(dataFileAt: folder.child("live/data.mdb"), maxKeySize: maxKeySize)
            #expect(report.unaccountedPages == 0)
        }
        try environment.copy(to: folder.child("compact"))
        try environment.copy(to: folder.child("plain"), compact: false)
        for copy in ["compact", "plain"] {
            try DataFileVerifier.verify(dataFileAt: folder.child("\(copy)/data.mdb"), maxKeySize: maxKeySize)
            _ = try Environment.open(at: folder.child(copy))
        }
    }

    // MARK: - Damaged files

    /// Each seed picks a kind of damage and where it strikes; `KVSTORE_FUZZ_SEED` replays one
    /// seed, `KVSTORE_FUZZ_CASES` runs more cases than the default 200 per fixture.
    @Test("random damage to pages is refused as corrupted, or is harmless: never a crash", arguments: Fixture.allCases)
    func fuzzedDamage(fixture: Fixture) throws {
        let template = try TemporaryFolder()
        defer { template.remove() }
        let info: EnvironmentInfo
        do {
            let environment = try Environment.open(at: template.path)
            try fixture.fill(environment)
            info = environment.info()
        }
        let original = try DataFileBytes(path: template.child("data.mdb"), pageSize: info.pageSize)
        // Pages in use that carry a header: tree pages and the first page of each overflow run
        // (the rest of a run is raw value bytes, where damage is undetectable by design).
        let inUse = try Sample.pagesInUse(dataFile: template.child("data.mdb")).filter {
            original.uint64(at: $0 * original.pageSize) == UInt64($0)
        }
        let liveBranches = original.branchPages().filter { inUse.contains($0) }
        #expect(!liveBranches.isEmpty)
        let target = Target(lastPage: info.lastPageNumber, inUse: Set(inUse), liveBranches: liveBranches)

        let cases = ProcessInfo.processInfo.environment["KVSTORE_FUZZ_CASES"].flatMap { UInt64($0) } ?? 200
        var seeds = (0..<cases).map { 0x5EED_0000 + $0 }
        if let only = ProcessInfo.processInfo.environment["KVSTORE_FUZZ_SEED"].flatMap({ UInt64($0) }) {
            seeds = [only]
        }
        var outcomes: [String: Int] = [:]
        for seed in seeds {
            var generator = SeededGenerator(seed: seed)
            let damage = Damage.allCases[Int(seed % UInt64(Damage.allCases.count))]
            // Written unbuffered before the case runs: if LMDB takes the process down, the
            // last line names the seed to replay with KVSTORE_FUZZ_SEED.
            FileHandle.standardError.write(Data("verifier fuzz: \(fixture) seed \(seed) (\(damage))\n".utf8))
            let folder = try TemporaryFolder("fuzz")
            defer { folder.remove() }
            var file = original
            let hitPageInUse = damage.apply(to: &file, target: target, using: &generator)
            try file.write(to: folder.child("data.mdb"))

            let outcome = Sample.openAndUse(folder.path, fixture: fixture)
            let label = "\(damage), \(hitPageInUse ? "page in use" : "free page or value bytes")"
            switch outcome {
            case .refused(let error) where error.kind == .corrupted || error.kind == .notAnEnvironment:
                outcomes["\(label): refused", default: 0] += 1
            case .usable(let renamedDatabases):
                outcomes["\(label): harmless", default: 0] += 1
                if renamedDatabases > 0 { outcomes["(a database name was damaged)", default: 0] += 1 }
                // These destroy the header of a page in use (or, for a branch, a child
                // pointer): a verifier that let one through would be blind.
                if hitPageInUse && damage.destroysStructure {
                    Issue.record("\(fixture) seed \(seed) (\(damage)): a page in use was damaged, yet the file opened")
                }
            case .refused(let error):
                Issue.record("\(fixture) seed \(seed) (\(damage)): open failed with an unexpected error: \(error)")
            case .failedAfterOpen(let error):
                Issue.record("\(fixture) seed \(seed) (\(damage)): opened, then failed: \(error)")
            }
        }
        print("verifier fuzz outcomes (\(fixture), \(seeds.count) cases):")
        for (label, count) in outcomes.sorted(by: { $0.key < $1.key }) { print("  \(count)\t\(label)") }
    }

    @Test("a branch entry pointing past the end of the file is refused with the page and the fault")
    func branchPastTheEnd() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        let branch = try Sample.rootPage(of: "log", in: file)
        #expect(file.flags(ofPage: branch) == PageFlags.branch)
        file.setChild(ofPage: branch, entry: 1, to: UInt64(info.lastPageNumber) + 7)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path) }
        #expect(error?.kind == .corrupted)
        #expect(error?.operation == "verify")
        #expect(error?.message.contains(folder.child("data.mdb")) == true)
        #expect(error?.message.contains("page \(branch)") == true)
        #expect(error?.message.contains("points at page \(info.lastPageNumber + 7)") == true)
    }

    @Test("a page with the dirty flag set is refused: LMDB would write into its read-only map")
    func dirtyFlagOnDisk() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        let root = try Sample.mainRoot(in: file)
        file.setFlags(ofPage: root, to: file.flags(ofPage: root) | PageFlags.dirty)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) {
            let environment = try Environment.open(at: folder.path)
            _ = try environment.database("added-after-open")
        }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("page \(root)") == true)
    }

    @Test("two swapped pages are refused: each header names the other place")
    func swappedPages() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        let root = try Sample.rootPage(of: "log", in: file)
        let other = try Sample.rootPage(of: "config", in: file)
        file.swapPages(root, other)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path) }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("header says it is page") == true)
    }

    // MARK: - Meta pages

    @Test("a zeroed newer meta page is reported as damage, naming the intact one")
    func zeroedMetaPage() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        let newer = file.newerMetaSlot
        file.fill(page: newer, with: 0)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path) }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("meta page \(newer) is damaged") == true)
        #expect(error?.message.contains("meta page \(1 - newer) (txn") == true)
    }

    @Test("a newer meta page whose txn id was damaged downwards leaves the older snapshot in use")
    func olderMetaPageUsed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pageSize: Int
        do {
            let environment = try Environment.open(at: folder.path)
            let table = try environment.database("items")
            try environment.write { try $0.put("old".bytes, forKey: "a".bytes, in: table) }
            try environment.write { try $0.put("new".bytes, forKey: "b".bytes, in: table) }
            pageSize = environment.info().pageSize
        }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: pageSize)
        file.setTransactionID(ofMeta: file.newerMetaSlot, to: 0)
        try file.write(to: folder.child("data.mdb"))

        do {
            let environment = try Environment.open(at: folder.path)
            let table = try environment.database("items", create: false)
            #expect(try environment.read { try $0.get("a".bytes, in: table) } == "old".bytes)
            #expect(try environment.read { try $0.get("b".bytes, in: table) } == nil)
            try environment.write { try $0.put("after".bytes, forKey: "c".bytes, in: table) }
        }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items", create: false)
        #expect(try environment.read { try $0.entries(in: table).map(\.key) } == ["a".bytes, "c".bytes])
    }

    @Test("a newer meta page with a broken root is refused, saying the previous snapshot is sound")
    func brokenRootInNewerMeta() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        let newer = file.newerMetaSlot
        file.setMainRoot(ofMeta: newer, to: UInt64(info.lastPageNumber) + 100)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path) }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("root of the main database") == true)
        #expect(error?.message.contains("previous snapshot") == true)
        #expect(error?.message.contains("is sound") == true)
    }

    @Test("a zero page size in meta page 0 is refused before LMDB divides by it")
    func zeroPageSize() throws {
        let (folder, info) = try Sample.environmentOnDisk()
        defer { folder.remove() }
        var file = try DataFileBytes(path: folder.child("data.mdb"), pageSize: info.pageSize)
        file.setUInt32(0, at: MetaLayout.offsetInPage + MetaLayout.freeDatabaseOffset + DatabaseRecordLayout.padOffset)
        try file.write(to: folder.child("data.mdb"))

        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path) }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("page size 0") == true)
    }
}

// MARK: - Fixtures

/// The environments the fuzz test damages.
enum Fixture: CaseIterable, CustomStringConvertible, Sendable {
    /// What ECS itself writes: named databases with small, large and deleted values.
    case standard
    /// Databases with LMDB flags: sorted duplicates, fixed-size values, integer, reversed keys.
    case lmdbFlags

    var names: [String] {
        switch self {
        case .standard: Sample.names
        case .lmdbFlags: ["dups", "fixed", "integers", "reversed"]
        }
    }

    func fill(_ environment: Environment) throws {
        switch self {
        case .standard: try Sample.fill(environment)
        case .lmdbFlags: try Sample.fillWithLMDBFlags(environment)
        }
    }

    var description: String {
        switch self {
        case .standard: "standard"
        case .lmdbFlags: "lmdb-flags"
        }
    }
}

/// What opening a damaged environment and using it came to.
enum UseOutcome {
    /// `open` refused the environment.
    case refused(StoreError)
    /// It opened, every database could be scanned both ways and written to. `renamedDatabases`
    /// counts databases whose name was changed by the damage (undetectable: LMDB keeps no
    /// checksums, so damage to bytes of a key is just a different key).
    case usable(renamedDatabases: Int)
    /// It opened, but a later operation failed.
    case failedAfterOpen(Error)
}

enum Sample {
    static let names = ["config", "log", "blobs", "members", "empty"]

    /// Fills an environment with the mix a node holds: small values, values big enough for
    /// overflow pages, a database left empty, and deletes over several commits so that the
    /// free list has entries.
    static func fill(_ environment: Environment, scale: Int = 1) throws {
        let config = try environment.database("config")
        let log = try environment.database("log")
        let blobs = try environment.database("blobs")
        let members = try environment.database("members")
        _ = try environment.database("empty")
        var generator = SeededGenerator(seed: 7)
        try environment.write { transaction in
            for item in 0..<(2000 * scale) {
                let value = [UInt8](repeating: UInt8(item % 251), count: Int.random(in: 1...120, using: &generator))
                try transaction.put(value, forKey: Array("service/\(item)/setting".utf8), in: config)
            }
            for member in 0..<5 {
                try transaction.put(
                    Array("node-\(member)".utf8), forKey: BigEndianKey.encode(UInt64(member)), in: members)
            }
        }
        for batch in 0..<(6 * scale) {
            try environment.write { transaction in
                for index in 0..<500 {
                    let value = [UInt8](
                        repeating: UInt8(index % 256), count: Int.random(in: 20...300, using: &generator))
                    try transaction.put(value, forKey: BigEndianKey.encode(UInt64(batch * 500 + index)), in: log)
                }
                for blob in 0..<20 {
                    let value = [UInt8](repeating: UInt8(blob), count: Int.random(in: 3000...20000, using: &generator))
                    try transaction.put(value, forKey: BigEndianKey.encode(UInt64(batch * 20 + blob)), in: blobs)
                }
            }
        }
        try environment.write { transaction in
            for index in stride(from: 0, to: 3000 * scale, by: 3) {
                try transaction.delete(BigEndianKey.encode(UInt64(index)), in: log)
            }
            for blob in stride(from: 0, to: 120 * scale, by: 4) {
                try transaction.delete(BigEndianKey.encode(UInt64(blob)), in: blobs)
            }
            for item in stride(from: 0, to: 2000 * scale, by: 7) {
                try transaction.delete(Array("service/\(item)/setting".utf8), in: config)
            }
        }
    }

    /// Databases with LMDB flags ECS does not use itself, written through LMDB directly, so
    /// that every page kind is present: sub-pages and trees of duplicates, fixed-size
    /// (`P_LEAF2`) pages, integer and reversed keys.
    static func fillWithLMDBFlags(_ environment: Environment) throws {
        try environment.write { transaction in
            func open(_ name: String, _ flags: Int32) throws -> MDB_dbi {
                var handle = MDB_dbi()
                try check(mdb_dbi_open(transaction.handle, name, UInt32(flags | MDB_CREATE), &handle), "mdb_dbi_open")
                return handle
            }
            func put(_ database: MDB_dbi, _ key: [UInt8], _ value: [UInt8]) throws {
                try key.withValue { keyValue in
                    try value.withValue { valueValue in
                        try check(mdb_put(transaction.handle, database, &keyValue, &valueValue, 0), "mdb_put")
                    }
                }
            }
            let dups = try open("dups", MDB_DUPSORT)
            let fixed = try open("fixed", MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP)
            let integers = try open("integers", MDB_INTEGERKEY)
            let reversed = try open("reversed", MDB_REVERSEKEY)
            for key in 0..<300 {
                for value in 0..<(key % 7 == 0 ? 400 : key % 5 + 1) {
                    try put(dups, Array("key-\(key)".utf8), Array("value-\(value)-of-\(key)".utf8))
                }
            }
            for key in 0..<100 {
                for value in 0..<(key % 10 == 0 ? 2000 : key % 9 + 1) {
                    try put(
                        fixed, Array("k\(key)".utf8), withUnsafeBytes(of: UInt64(value * 3).littleEndian, Array.init))
                }
            }
            for key in 0..<5000 {
                try put(integers, withUnsafeBytes(of: UInt64(key * 7).littleEndian, Array.init), Array("\(key)".utf8))
            }
            for key in 0..<3000 {
                try put(reversed, Array("\(key)-suffix".utf8), [UInt8](repeating: 1, count: key % 40))
            }
        }
        try environment.write { transaction in
            var handle = MDB_dbi()
            try check(mdb_dbi_open(transaction.handle, "dups", 0, &handle), "mdb_dbi_open")
            for key in stride(from: 0, to: 300, by: 2) {
                try Array("key-\(key)".utf8).withValue { keyValue in
                    let code = mdb_del(transaction.handle, handle, &keyValue, nil)
                    if code != MDB_NOTFOUND { try check(code, "mdb_del") }
                }
            }
        }
    }

    /// An environment filled by `fill`, closed, with its figures.
    static func environmentOnDisk() throws -> (TemporaryFolder, EnvironmentInfo) {
        let folder = try TemporaryFolder()
        let environment = try Environment.open(at: folder.path)
        try fill(environment)
        return (folder, environment.info())
    }

    /// Entries per database, through the public API.
    static func counts(in environment: Environment) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in names {
            let database = try environment.database(name, create: false)
            counts[name] = try environment.read { try $0.entries(in: database).count }
        }
        return counts
    }

    /// Pages of every tree (free list, main database, the named ones) and the depths of the
    /// main and named databases (`""` for the main one), as LMDB's `mdb_stat` reports them.
    static func lmdbStatistics(of environment: Environment, names: [String]) throws -> (Int, [String: Int]) {
        let handles = try names.map { try environment.database($0, create: false).handle }
        return try environment.read { transaction in
            var pages = 0
            var depths: [String: Int] = [:]
            for (name, handle) in [("free", MDB_dbi(0)), ("", MDB_dbi(1))] + zip(names, handles) {
                var stat = MDB_stat()
                try check(mdb_stat(transaction.handle, handle, &stat), "mdb_stat")
                pages += stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages
                if name != "free" { depths[name] = Int(stat.ms_depth) }
            }
            return (pages, depths)
        }
    }

    /// Opens the environment at `path`, scans every database of `fixture` both ways, reads
    /// some keys back and writes to every database.
    static func openAndUse(_ path: String, fixture: Fixture) -> UseOutcome {
        let environment: Environment
        do {
            environment = try Environment.open(at: path)
        } catch let error as StoreError {
            return .refused(error)
        } catch {
            return .failedAfterOpen(error)
        }
        do {
            var renamed = 0
            for name in fixture.names {
                let database: Database
                do {
                    database = try environment.database(name, create: false)
                } catch let error as StoreError where error.kind == .databaseNotFound {
                    renamed += 1
                    continue
                } catch let error as StoreError where error.kind == .corrupted {
                    // A database record whose flags ECS never writes is refused by name.
                    return .refused(error)
                }
                try environment.read { transaction in
                    let forward = try transaction.entries(in: database)
                    let backward = try transaction.entries(in: database, reverse: true)
                    guard forward.count == backward.count else {
                        throw StoreError(kind: .other, operation: "scan", message: "\(name): scans disagree")
                    }
                    for entry in forward.prefix(40) { _ = try transaction.get(entry.key, in: database) }
                }
                try environment.write { transaction in
                    // Integer keys must keep the size of the others (LMDB compares them blindly).
                    let key = name == "integers" ? [UInt8](repeating: 0xEE, count: 8) : Array("zz-after-open".utf8)
                    try transaction.put(Array("written".utf8), forKey: key, in: database)
                    if let first = try transaction.entries(in: database, limit: 1).first {
                        try transaction.delete(first.key, in: database)
                    }
                }
            }
            return .usable(renamedDatabases: renamed)
        } catch {
            return .failedAfterOpen(error)
        }
    }

    /// The pages the newest snapshot uses (trees and overflow runs), as the verifier sees them.
    static func pagesInUse(dataFile: String) throws -> [Int] {
        let reader = try DataFileReader(path: dataFile)
        let metas = try MetaPages.read(from: reader)
        var verifier = try TreeVerifier(
            reader: reader, meta: metas.current, fileLength: try reader.length(), maxKeySize: 511)
        let report = try verifier.run()
        return (0...Int(report.lastPage)).filter { verifier.live.contains(UInt64($0)) }
    }

    /// The root page of the main database in the newer snapshot.
    static func mainRoot(in file: DataFileBytes) throws -> Int {
        let meta = try MetaPage(slot: file.newerMetaSlot, page: ByteWindow(file.page(file.newerMetaSlot)))
        return Int(meta.main.root)
    }

    /// The root page of the named database `name` (the main database must be a single leaf).
    static func rootPage(of name: String, in file: DataFileBytes) throws -> Int {
        let root = try mainRoot(in: file)
        let page = ByteWindow(file.page(root))
        let count = (Int(try page.uint16(at: PageLayout.lowerOffset)) - PageLayout.pointersOffset) / 2
        for index in 0..<count {
            let offset = Int(try page.uint16(at: PageLayout.pointersOffset + 2 * index))
            let keySize = Int(try page.uint16(at: offset + NodeLayout.keySizeOffset))
            let key = try page.range(at: offset + NodeLayout.headerSize, length: keySize, "key")
            if Array(page.bytes[key]) == Array(name.utf8) {
                return Int(try DatabaseRecord(in: page, at: key.upperBound).root)
            }
        }
        throw StoreError(kind: .databaseNotFound, operation: "test", message: name)
    }
}

/// Where the fuzz test may strike: any page after the metas, mostly one in use (damage to a
/// free page is harmless by design, so striking only at random would test little).
struct Target {
    let lastPage: Int
    /// Pages in use that carry a page header.
    let inUse: Set<Int>
    let liveBranches: [Int]

    /// A page after the metas: three times in four one in use.
    func page(using generator: inout SeededGenerator) -> Int {
        while true {
            let page = Int.random(in: 2...lastPage, using: &generator)
            if inUse.contains(page) || Int.random(in: 0..<4, using: &generator) == 0 { return page }
        }
    }
}

/// The kinds of damage the fuzz test does to one non-meta page (or two, for a swap).
enum Damage: CaseIterable, CustomStringConvertible {
    case randomPage, flippedBytes, flippedHeaderBytes, zeroedPage, swappedPages, branchPastTheEnd

    var description: String {
        switch self {
        case .randomPage: "page overwritten with random bytes"
        case .flippedBytes: "bytes flipped in a page"
        case .flippedHeaderBytes: "bytes flipped near a page's header"
        case .zeroedPage: "page zeroed"
        case .swappedPages: "two pages swapped"
        case .branchPastTheEnd: "branch entry pointed past the end"
        }
    }

    /// Whether the damage always breaks the structure of a page in use (its header, or a
    /// child pointer), as opposed to possibly only its content.
    var destroysStructure: Bool {
        switch self {
        case .randomPage, .zeroedPage, .swappedPages, .branchPastTheEnd: true
        case .flippedBytes, .flippedHeaderBytes: false
        }
    }

    /// Damages `file`; returns whether a page in use was hit.
    func apply(to file: inout DataFileBytes, target: Target, using generator: inout SeededGenerator) -> Bool {
        var page = target.page(using: &generator)
        switch self {
        case .randomPage:
            file.replacePage(page, with: (0..<file.pageSize).map { _ in UInt8.random(in: 0...255, using: &generator) })
        case .flippedBytes, .flippedHeaderBytes:
            let span = self == .flippedBytes ? file.pageSize : 64
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let offset = Int.random(in: 0..<span, using: &generator)
                file.flip(page: page, offset: offset, with: UInt8.random(in: 1...255, using: &generator))
            }
        case .zeroedPage:
            file.fill(page: page, with: 0)
        case .swappedPages:
            var other = target.page(using: &generator)
            if other == page { other = page == 2 ? 3 : 2 }
            file.swapPages(page, other)
            return target.inUse.contains(page) || target.inUse.contains(other)
        case .branchPastTheEnd:
            page = target.liveBranches[Int.random(in: 0..<target.liveBranches.count, using: &generator)]
            let entry = Int.random(in: 0..<file.entryCount(ofPage: page), using: &generator)
            let past =
                Bool.random(using: &generator)
                ? UInt64(target.lastPage) + UInt64.random(in: 1...5000, using: &generator) : UInt64(1) << 40
            file.setChild(ofPage: page, entry: entry, to: past)
        }
        return target.inUse.contains(page)
    }
}

/// A whole data file in memory, to damage page by page.
struct DataFileBytes {
    var bytes: [UInt8]
    let pageSize: Int

    init(path: String, pageSize: Int) throws {
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        self.pageSize = pageSize
    }

    func write(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func page(_ number: Int) -> [UInt8] {
        Array(bytes[(number * pageSize)..<((number + 1) * pageSize)])
    }

    mutating func replacePage(_ number: Int, with content: [UInt8]) {
        bytes.replaceSubrange((number * pageSize)..<((number + 1) * pageSize), with: content)
    }

    mutating func fill(page number: Int, with byte: UInt8) {
        replacePage(number, with: [UInt8](repeating: byte, count: pageSize))
    }

    mutating func flip(page number: Int, offset: Int, with mask: UInt8) {
        bytes[number * pageSize + offset] ^= mask
    }

    mutating func swapPages(_ first: Int, _ second: Int) {
        let saved = page(first)
        replacePage(first, with: page(second))
        replacePage(second, with: saved)
    }

    func uint16(at offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

    func uint64(at offset: Int) -> UInt64 {
        (0..<8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }

    mutating func setUInt16(_ value: UInt16, at offset: Int) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    mutating func setUInt32(_ value: UInt32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
    }

    mutating func setUInt64(_ value: UInt64, at offset: Int) {
        for index in 0..<8 { bytes[offset + index] = UInt8((value >> (8 * UInt64(index))) & 0xFF) }
    }

    func flags(ofPage number: Int) -> UInt16 { uint16(at: number * pageSize + PageLayout.flagsOffset) }

    mutating func setFlags(ofPage number: Int, to flags: UInt16) {
        setUInt16(flags, at: number * pageSize + PageLayout.flagsOffset)
    }

    func entryCount(ofPage number: Int) -> Int {
        (Int(uint16(at: number * pageSize + PageLayout.lowerOffset)) - PageLayout.pointersOffset) / 2
    }

    /// Pages that look like branch pages in their right place (most are in use).
    func branchPages() -> [Int] {
        (2..<(bytes.count / pageSize)).filter {
            flags(ofPage: $0) == PageFlags.branch && uint64(at: $0 * pageSize) == UInt64($0)
        }
    }

    /// Points entry `entry` of branch page `number` at `child`.
    mutating func setChild(ofPage number: Int, entry: Int, to child: UInt64) {
        let node = number * pageSize + Int(uint16(at: number * pageSize + PageLayout.pointersOffset + 2 * entry))
        guard node + NodeLayout.headerSize <= bytes.count else { return }
        setUInt16(UInt16(child & 0xFFFF), at: node + NodeLayout.lowOffset)
        setUInt16(UInt16((child >> 16) & 0xFFFF), at: node + NodeLayout.highOffset)
        setUInt16(UInt16((child >> 32) & 0xFFFF), at: node + NodeLayout.flagsOffset)
    }

    func transactionID(ofMeta slot: Int) -> UInt64 {
        uint64(at: slot * pageSize + MetaLayout.offsetInPage + MetaLayout.transactionIDOffset)
    }

    mutating func setTransactionID(ofMeta slot: Int, to id: UInt64) {
        setUInt64(id, at: slot * pageSize + MetaLayout.offsetInPage + MetaLayout.transactionIDOffset)
    }

    mutating func setMainRoot(ofMeta slot: Int, to page: UInt64) {
        setUInt64(
            page,
            at: slot * pageSize + MetaLayout.offsetInPage + MetaLayout.mainDatabaseOffset
                + DatabaseRecordLayout.rootOffset)
    }

    /// The meta page LMDB opens: the larger txn id.
    var newerMetaSlot: Int { transactionID(ofMeta: 0) >= transactionID(ofMeta: 1) ? 0 : 1 }
}

/// SplitMix64: a small deterministic generator, so that a failing case replays from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
