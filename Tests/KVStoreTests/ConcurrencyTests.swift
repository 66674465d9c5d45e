import Dispatch
import Foundation
import KVStore
import Synchronization
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("readers running during commits and map growth always see a consistent snapshot")
    func readersDuringCommits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = EnvironmentOptions()
        options.mapSize = 1 << 20
        let environment = try Environment.open(at: folder.path, options: options)
        let table = try environment.database("counters")
        let writes = 300
        let readers = 3
        let writerFinished = Atomic(false)
        let readsDone = Atomic(0)
        let violations = Mutex<[String]>([])
        let readerStarted = DispatchSemaphore(value: 0)
        let everyoneDone = DispatchGroup()

        // Every commit sets "a" and "b" to the same number and adds one 8 KiB row, so a
        // consistent reader sees a == b == number of rows, and never a smaller number later.
        for _ in 0..<readers {
            everyoneDone.enter()
            Thread.detachNewThread {
                defer { everyoneDone.leave() }
                var lastSeen: UInt64 = 0
                var first = true
                while !writerFinished.load(ordering: .acquiring) {
                    let problem: String? = try! environment.read { transaction in
                        let a = try transaction.get("a".bytes, in: table).map(BigEndianKey.decode) ?? 0
                        let b = try transaction.get("b".bytes, in: table).map(BigEndianKey.decode) ?? 0
                        let rows = try transaction.entries(in: table, range: .prefix([0x72])).count
                        if a != b || Int(a) != rows { return "a=\(a) b=\(b) rows=\(rows)" }
                        if a < lastSeen { return "went back from \(lastSeen) to \(a)" }
                        lastSeen = a
                        return nil
                    }
                    if let problem { violations.withLock { $0.append(problem) } }
                    readsDone.add(1, ordering: .relaxed)
                    if first {
                        first = false
                        readerStarted.signal()
                    }
                }
            }
        }
        // The writer starts once every reader is reading, so the two really overlap.
        for _ in 0..<readers { readerStarted.wait() }
        for number in 1...writes {
            try environment.write { transaction in
                let encoded = BigEndianKey.encode(UInt64(number))
                try transaction.put(encoded, forKey: "a".bytes, in: table)
                try transaction.put([UInt8](repeating: 3, count: 8 << 10), forKey: [0x72] + encoded, in: table)
                try transaction.put(encoded, forKey: "b".bytes, in: table)
            }
        }
        writerFinished.store(true, ordering: .releasing)
        everyoneDone.wait()
        #expect(violations.withLock { $0 }.isEmpty)
        #expect(readsDone.load(ordering: .relaxed) > readers)
        #expect(environment.info().mapSize > 1 << 20)
        #expect(try environment.read { try $0.get("a".bytes, in: table) } == BigEndianKey.encode(UInt64(writes)))
    }

    @Test("async writers through SerialWriter lose no update")
    func serialWriter() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.path)
        let table = try environment.database("counter")
        let writer = SerialWriter(environment: environment)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await writer.write { transaction throws in
                        let current = try transaction.get("n".bytes, in: table).map(BigEndianKey.decode) ?? 0
                        try transaction.put(BigEndianKey.encode(current + 1), forKey: "n".bytes, in: table)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try environment.read { try $0.get("n".bytes, in: table) } == BigEndianKey.encode(50))
    }
}
