import Dispatch
import Foundation
import KVStore
import Testing

@Suite("Transactions")
struct TransactionTests {
    @Test("a committed write is visible to later transactions")
    func commitIsVisible() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items")
        try environment.write { try $0.put("one".bytes, forKey: "k".bytes, in: table) }
        #expect(try environment.read { try $0.get("k".bytes, in: table) } == "one".bytes)
        #expect(try environment.read { try $0.get("missing".bytes, in: table) } == nil)
    }

    @Test("a body that throws aborts the whole transaction")
    func throwAborts() throws {
        struct Refused: Error {}
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items")
        try environment.write { try $0.put("before".bytes, forKey: "a".bytes, in: table) }
        #expect(throws: Refused.self) {
            try environment.write { transaction throws in
                try transaction.put("after".bytes, forKey: "a".bytes, in: table)
                try transaction.put("new".bytes, forKey: "b".bytes, in: table)
                throw Refused()
            }
        }
        try environment.read { transaction throws in
            #expect(try transaction.get("a".bytes, in: table) == "before".bytes)
            #expect(try transaction.get("b".bytes, in: table) == nil)
        }
    }

    @Test("delete reports whether the key was there, and the write sees its own changes")
    func deleteAndReadOwnWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items")
        try environment.write { transaction throws in
            try transaction.put([], forKey: "empty".bytes, in: table)
            #expect(try transaction.get("empty".bytes, in: table) == [])
            #expect(try transaction.delete("empty".bytes, in: table))
            #expect(try !transaction.delete("empty".bytes, in: table))
            #expect(try transaction.count(in: table) == 0)
        }
    }

    @Test("data survives closing and reopening the environment")
    func reopen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let environment = try Environment.open(at: folder.path)
            let table = try environment.database("items")
            try environment.write { try $0.put("kept".bytes, forKey: "k".bytes, in: table) }
        }
        var options = EnvironmentOptions()
        options.createIfMissing = false
        let reopened = try Environment.open(at: folder.path, options: options)
        let table = try reopened.database("items", create: false)
        #expect(try reopened.read { try $0.get("k".bytes, in: table) } == "kept".bytes)
    }

    @Test("an empty or oversized key is refused with a typed error")
    func invalidKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items")
        for key in [[], [UInt8](repeating: 1, count: 4096)] {
            let error = #expect(throws: StoreError.self) {
                try environment.write { try $0.put("v".bytes, forKey: key, in: table) }
            }
            #expect(error?.kind == .invalidKey)
        }
    }

    @Test("asking for a database that does not exist without create fails clearly")
    func missingDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let error = #expect(throws: StoreError.self) { try environment.database("absent", create: false) }
        #expect(error?.kind == .databaseNotFound)
        #expect(error?.description.contains("absent") == true)
    }

    @Test("a reader does not see a writer's uncommitted changes, nor commits after it began")
    func isolation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("items")
        try environment.write { try $0.put("committed".bytes, forKey: "k".bytes, in: table) }

        let writerHasPut = DispatchSemaphore(value: 0)
        let readerHasLooked = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? environment.write { transaction throws in
                try transaction.put("uncommitted".bytes, forKey: "k".bytes, in: table)
                writerHasPut.signal()
                readerHasLooked.wait()
            }
            writerDone.signal()
        }
        writerHasPut.wait()
        try environment.read { transaction throws in
            #expect(try transaction.get("k".bytes, in: table) == "committed".bytes)
            readerHasLooked.signal()
            writerDone.wait()
            // The writer has committed by now; this transaction still sees its snapshot.
            #expect(try transaction.get("k".bytes, in: table) == "committed".bytes)
        }
        #expect(try environment.read { try $0.get("k".bytes, in: table) } == "uncommitted".bytes)
    }
}
