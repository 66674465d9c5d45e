import KVStore
import Synchronization
import Testing

@testable import ECSNode

@Suite("DecodeOnceCache and SetHeads: decoded once per distinct stored bytes")
struct DecodeOnceCacheTests {
    /// A cache of strings and how many times it decoded.
    private struct Counted {
        private final class Count: Sendable {
            let value = Mutex(0)
        }

        private let count = Count()
        let cache: DecodeOnceCache<String, String>

        init(limit: Int) {
            let count = self.count
            cache = DecodeOnceCache(limit: limit) { bytes in
                count.value.withLock { $0 += 1 }
                return String(decoding: bytes, as: UTF8.self)
            }
        }

        var decodes: Int { count.value.withLock { $0 } }
    }

    @Test("the same bytes decode once; other bytes at the same key decode again, never the stale record")
    func decodesOncePerBytes() throws {
        let counted = Counted(limit: 8)
        #expect(try counted.cache.record(at: "k", storedAs: Array("one".utf8)) == "one")
        #expect(try counted.cache.record(at: "k", storedAs: Array("one".utf8)) == "one")
        #expect(counted.decodes == 1)
        #expect(try counted.cache.record(at: "k", storedAs: Array("two".utf8)) == "two")
        #expect(try counted.cache.record(at: "other", storedAs: Array("one".utf8)) == "one")
        #expect(counted.decodes == 3)
    }

    @Test("remembered bytes are not decoded; past the limit the cache starts over and still answers right")
    func rememberAndLimit() throws {
        let counted = Counted(limit: 2)
        counted.cache.remember("written", at: "k", storedAs: Array("written".utf8))
        #expect(try counted.cache.record(at: "k", storedAs: Array("written".utf8)) == "written")
        #expect(counted.decodes == 0)
        for key in ["a", "b", "c"] { _ = try counted.cache.record(at: key, storedAs: Array(key.utf8)) }
        #expect(try counted.cache.record(at: "k", storedAs: Array("written".utf8)) == "written")
        #expect(counted.decodes == 4, "the limit dropped the remembered entry")
    }

    @Test("a head read through SetHeads is the stored record, after writes, and after a write that was abandoned")
    func setHeads() throws {
        struct Abandoned: Error {}
        let state = try TestStateEnvironment()
        let tables = try ConfigTables(in: state.environment)
        let heads = SetHeads(tables: tables)
        func stored() throws -> SetRecord? {
            try state.environment.read { transaction in
                try transaction.get(TableKeys.set(.tenant("acme"), "payments"), in: tables.sets).map {
                    try RecordCoding.decode(SetRecord.self, from: $0, table: ConfigTables.setsName)
                }
            }
        }
        for index in 1...3 {
            try state.apply(Commands.put("a", .integer(Int64(index)), at: Int64(index)), at: UInt64(index))
            let head = try state.environment.read { try heads.head(of: .tenant("acme"), "payments", in: $0) }
            let expected = try stored()
            #expect(head == expected && head?.headVersion == UInt64(index) && head?.updatedAt == Int64(index))
        }
        #expect(throws: Abandoned.self) {
            try state.environment.write { transaction in
                var next = try #require(try heads.head(of: .tenant("acme"), "payments", in: transaction))
                next.headVersion = 99
                try heads.store(next, in: transaction)
                throw Abandoned()
            }
        }
        let head = try state.environment.read { try heads.head(of: .tenant("acme"), "payments", in: $0) }
        let expected = try stored()
        #expect(head?.headVersion == 3 && head == expected)
        #expect(try state.apply(Commands.put("a", 4), at: 4).receipt?.version == 4)
    }
}
