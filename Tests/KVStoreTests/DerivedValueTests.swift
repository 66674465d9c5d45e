import KVStore
import Synchronization
import Testing

@Suite("Values derived from an environment")
struct DerivedValueTests {
    private struct Tables: Sendable, Equatable {
        var items: Database
        var serial: Int
    }

    @Test("made once per environment and type, then returned as made; another environment makes its own")
    func madeOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try Environment.open(at: folder.child("first"))
        let second = try Environment.open(at: folder.child("second"))
        let made = Mutex(0)
        func tables(_ environment: Environment) throws -> Tables {
            try environment.derived(Tables.self) { environment in
                Tables(
                    items: try environment.database("items"),
                    serial: made.withLock {
                        $0 += 1; return $0
                    })
            }
        }
        let once = try tables(first)
        #expect(try tables(first) == once)
        #expect(try first.derived(Int.self) { _ in 7 } == 7)
        #expect(try tables(second).serial == 2)
        #expect(made.withLock { $0 } == 2)
    }

    @Test("a failed make is not remembered")
    func failureNotKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = try Environment.open(at: folder.child("env"))
        struct Refused: Error {}
        #expect(throws: Refused.self) { try environment.derived(String.self) { _ in throw Refused() } }
        #expect(environment.derived(String.self) { _ in "made" } == "made")
    }
}
