import Foundation
import KVStore
import Testing

@Suite("Consistent copies")
struct CopyTests {
    @Test("a compacted copy holds exactly the data, is smaller after deletes, and opens on its own")
    func compactCopy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.child("live"))
        let table = try environment.database("items")
        try environment.write { transaction throws in
            for item in 0..<3000 {
                try transaction.put(
                    [UInt8](repeating: 5, count: 500), forKey: BigEndianKey.encode(UInt64(item)), in: table)
            }
        }
        _ = try environment.write {
            try $0.deleteAll(in: table, range: .from(BigEndianKey.encode(0), to: BigEndianKey.encode(2900)))
        }
        try environment.copy(to: folder.child("copy"))

        let liveSize = try FileManager.default.attributesOfItem(atPath: folder.child("live/data.mdb"))[.size] as! Int
        let copySize = try FileManager.default.attributesOfItem(atPath: folder.child("copy/data.mdb"))[.size] as! Int
        #expect(copySize * 4 < liveSize)

        let copy = try Environment.open(at: folder.child("copy"))
        let copiedTable = try copy.database("items", create: false)
        let keys = try copy.read { try $0.entries(in: copiedTable).map { try BigEndianKey.decode($0.key) } }
        #expect(keys == Array(2900..<3000))
    }

    @Test("copying onto an existing environment is refused")
    func refusesToOverwrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.child("live"))
        _ = try Environment.open(at: folder.child("other"))
        let error = #expect(throws: StoreError.self) { try environment.copy(to: folder.child("other")) }
        #expect(error?.description.contains("already exists") == true)
    }
}
