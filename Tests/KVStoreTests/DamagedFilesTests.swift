import Foundation
import KVStore
import Testing

@Suite("Foreign and damaged data folders")
struct DamagedFilesTests {
    /// Makes an environment holding some data, then lets `damage` change its files.
    private func damagedEnvironment(
        _ damage: (_ dataFile: String) throws -> Void
    ) throws -> (TemporaryFolder, StoreError?) {
        let folder = try TemporaryFolder()
        do {
            let environment = try Environment.open(at: folder.path)
            let table = try environment.database("items")
            try environment.write { transaction throws in
                for item in 0..<2000 {
                    try transaction.put(
                        [UInt8](repeating: 9, count: 200), forKey: BigEndianKey.encode(UInt64(item)), in: table)
                }
            }
        }
        try damage(folder.child("data.mdb"))
        do {
            let environment = try Environment.open(at: folder.path)
            let table = try environment.database("items")
            _ = try environment.read { try $0.entries(in: table) }
            return (folder, nil)
        } catch let error as StoreError {
            return (folder, error)
        }
    }

    @Test("a data file of random bytes is not an environment")
    func garbage() throws {
        let (folder, error) = try damagedEnvironment { path in
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(noise).write(to: URL(fileURLWithPath: path))
        }
        defer { folder.remove() }
        #expect(error?.kind == .notAnEnvironment)
        #expect(error?.description.contains(folder.path) == true)
    }

    @Test("a truncated data file is reported as corrupted, not read past its end")
    func truncated() throws {
        let (folder, error) = try damagedEnvironment { path in
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 3 * 4096)
            try handle.close()
        }
        defer { folder.remove() }
        #expect(error?.kind == .corrupted)
        #expect(error?.description.contains("truncated") == true)
    }

    @Test("a data file cut inside its metadata pages is refused")
    func truncatedInsideMeta() throws {
        let (folder, error) = try damagedEnvironment { path in
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 100)
            try handle.close()
        }
        defer { folder.remove() }
        #expect(error != nil)
    }

    @Test("a plain file where the data folder should be is refused")
    func fileInsteadOfFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.child("not-a-folder")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Environment.open(at: path) }
        #expect(error?.kind == .notAnEnvironment)
    }

    @Test("without createIfMissing, a folder with no environment is refused")
    func noEnvironment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder.child("README")))
        var options = EnvironmentOptions()
        options.createIfMissing = false
        let error = #expect(throws: StoreError.self) { try Environment.open(at: folder.path, options: options) }
        #expect(error?.kind == .notAnEnvironment)
        let missing = #expect(throws: StoreError.self) {
            try Environment.open(at: folder.child("absent"), options: options)
        }
        #expect(missing?.kind == .notAnEnvironment)
    }

    @Test("a garbage lock file is rebuilt (it holds no data) and the data stays intact")
    func garbageLockFile() throws {
        let (folder, error) = try damagedEnvironment { path in
            let lockFile = (path as NSString).deletingLastPathComponent + "/lock.mdb"
            try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: lockFile))
        }
        defer { folder.remove() }
        #expect(error == nil)
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items", create: false)
        #expect(try environment.read { try $0.count(in: table) } == 2000)
    }
}
