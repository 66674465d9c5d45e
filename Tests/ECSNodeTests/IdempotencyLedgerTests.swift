import KVStore
import Testing

@testable import ECSNode

@Suite("IdempotencyLedger: Idempotency-Key decided at apply time")
struct IdempotencyLedgerTests {
    static let start: Int64 = 1_700_000_000_000
    static let day = IdempotencyLedger.windowMilliseconds

    private func count(_ table: String, in state: TestStateEnvironment) throws -> Int {
        try state.dumpTables()[table]?.count ?? -1
    }

    @Test("the same key and request answer the first outcome again and publish nothing")
    func replay() throws {
        let state = try TestStateEnvironment()
        let first = try state.apply(Commands.put("k", ["a": 1], idempotencyKey: "abc"), at: 1)
        let retry = try state.apply(Commands.put("k", ["a": 1], at: Self.start + 5_000, idempotencyKey: "abc"), at: 2)
        #expect(first.receipt?.version == 1)
        #expect(retry == .replayed(first))
        #expect(try count(ConfigTables.versionsName, in: state) == 1)
        #expect(try count(ConfigTables.eventsName, in: state) == 1)
        #expect(try count(ConfigTables.idempotencyName, in: state) == 1)
    }

    @Test("the same key with another value, item, method or If-Match is refused; the key keeps its request")
    func reuse() throws {
        let state = try TestStateEnvironment()
        let first = try state.apply(Commands.put("k", 1, idempotencyKey: "abc"), at: 1)
        let others: [Command] = [
            Commands.put("k", 2, idempotencyKey: "abc"), Commands.put("other", 1, idempotencyKey: "abc"),
            Commands.put("k", 1, scope: .env("prod"), idempotencyKey: "abc"),
            Commands.put("k", 1, ifMatch: "*", idempotencyKey: "abc"),
        ]
        for (offset, command) in others.enumerated() {
            #expect(try state.apply(command, at: UInt64(offset + 2)).rejectionReason == .idempotencyKeyReused)
        }
        var delete = Commands.delete("k")
        delete.idempotency = IdempotencyClaim(key: "abc", for: delete.action)
        #expect(try state.apply(delete, at: 10).rejectionReason == .idempotencyKeyReused)
        #expect(try state.apply(Commands.put("k", 1, idempotencyKey: "abc"), at: 11) == .replayed(first))
        #expect(try count(ConfigTables.versionsName, in: state) == 1)
    }

    @Test("a key is bound for 24 h of issuedAt: a millisecond less replays, 24 h later it is a new key")
    func window() throws {
        let state = try TestStateEnvironment()
        let first = try state.apply(Commands.put("k", 1, at: Self.start, idempotencyKey: "abc"), at: 1)
        let late = Commands.put("k", 1, at: Self.start + Self.day - 1, idempotencyKey: "abc")
        #expect(try state.apply(late, at: 2) == .replayed(first))
        let renewed = try state.apply(Commands.put("k", 2, at: Self.start + Self.day, idempotencyKey: "abc"), at: 3)
        #expect(renewed.receipt?.version == 2, "after 24 h the key is free for a new request")
        let retry = Commands.put("k", 2, at: Self.start + Self.day + 1, idempotencyKey: "abc")
        #expect(try state.apply(retry, at: 4) == .replayed(renewed))
        let skewed = Commands.put("k", 2, at: Self.start + Self.day - 60_000, idempotencyKey: "abc")
        #expect(try state.apply(skewed, at: 5) == .replayed(renewed), "a clock behind the first one's still replays")
    }

    @Test("a refusal is remembered too: a retried 412 stays a 412 after the set came to exist")
    func refusalReplayed() throws {
        let state = try TestStateEnvironment()
        let refused = try state.apply(Commands.put("k", 1, ifMatch: "*", idempotencyKey: "r"), at: 1)
        #expect(refused.rejectionReason == .preconditionFailed)
        #expect(try state.apply(Commands.put("other", 1), at: 2).receipt?.version == 1)
        #expect(try state.apply(Commands.put("k", 1, ifMatch: "*", idempotencyKey: "r"), at: 3) == .replayed(refused))
        #expect(try count(ConfigTables.versionsName, in: state) == 1)
    }

    @Test("keys belong to their namespace: two tenants and the platform use the same key independently")
    func namespaces() throws {
        let state = try TestStateEnvironment()
        let acme = try state.apply(Commands.put("k", 1, idempotencyKey: "same"), at: 1)
        let globex = try state.apply(Commands.put("k", 2, tenant: "globex", idempotencyKey: "same"), at: 2)
        let platform = try state.apply(Commands.put("k", 3, tenant: "*", scope: .global, idempotencyKey: "same"), at: 3)
        #expect([acme, globex, platform].allSatisfy { $0.receipt?.version == 1 })
        #expect(try count(ConfigTables.idempotencyName, in: state) == 3)
    }

    @Test("an invalid key in a log entry is refused, and nothing is stored", arguments: ["", "a b", "ключ"])
    func invalidKey(key: String) throws {
        let state = try TestStateEnvironment()
        var command = Commands.put("k", 1)
        command.idempotency = IdempotencyClaim(key: key, hash: "h")
        guard case .rejected(let rejection) = try state.apply(command, at: 1) else {
            Issue.record("an invalid key was accepted")
            return
        }
        #expect(rejection.reason == .invalidCommand)
        #expect(rejection.violations.map(\.path) == ["Idempotency-Key"])
        #expect(try state.dumpTables().values.allSatisfy(\.isEmpty))
    }

    @Test("expired keys are pruned oldest first, at most 64 per command, identically on every node")
    func pruning() throws {
        var commands = (0..<100).map { offset in
            Commands.put(
                "k\(offset)", .integer(Int64(offset)), at: Self.start + Int64(offset), idempotencyKey: "key-\(offset)")
        }
        let later = Self.start + Self.day + 1_000
        // Expired but beyond this command's pruning: the key starts over rather than replaying.
        commands.append(Commands.put("k99", 99, at: later, idempotencyKey: "key-99"))
        commands.append(Commands.put("unkeyed", 1, at: later))

        func run(_ state: TestStateEnvironment) throws -> (outcomes: [CommandOutcome], sizes: [[Int]]) {
            var outcomes: [CommandOutcome] = []
            var sizes: [[Int]] = []
            for (offset, command) in commands.enumerated() {
                outcomes.append(try state.apply(command, at: UInt64(offset + 1)))
                if offset >= 99 {
                    let dump = try state.dumpTables()
                    sizes.append([
                        dump[ConfigTables.idempotencyName]!.count, dump[ConfigTables.idempotencyExpiryName]!.count,
                    ])
                }
            }
            return (outcomes, sizes)
        }
        let left = try TestStateEnvironment()
        let right = try TestStateEnvironment()
        let (outcomes, sizes) = try run(left)
        #expect(sizes == [[100, 100], [36, 36], [1, 1]])
        #expect(outcomes[100].receipt?.version == 101, "the expired key-99 was applied as new")
        let survivor = try #require(left.dumpTables()[ConfigTables.idempotencyName]?.first)
        #expect(survivor.key == TableKeys.idempotency(.tenant("acme"), "key-99"))

        let (rightOutcomes, rightSizes) = try run(right)
        #expect(rightOutcomes == outcomes && rightSizes == sizes)
        #expect(try left.dumpTables() == right.dumpTables())
    }

    @Test("the expiry index keeps negative times before positive ones")
    func expiryOrder() {
        let keys = [Int64.min, -1, 0, 1, Int64.max].map { TableKeys.idempotencyExpiry(at: $0, index: 1) }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
