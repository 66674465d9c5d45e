import KVStore
import Testing

@testable import ECSNode

@Suite("ConfigStateMachine: applying commands to LMDB")
struct ConfigStateMachineTests {
    @Test("every write publishes the next version of its set, per (tenant, set)")
    func versionsIncrement() throws {
        let state = try TestStateEnvironment()
        let first = try state.apply(Commands.put("a", 1), at: 5).receipt
        let second = try state.apply(Commands.put("b", 2), at: 6).receipt
        let otherSet = try state.apply(Commands.put("a", 1, set: "billing"), at: 7).receipt
        let otherTenant = try state.apply(Commands.put("a", 1, tenant: "globex"), at: 8).receipt
        let third = try state.apply(Commands.put("a", 1), at: 9).receipt

        #expect(first?.version == 1 && first?.created == true && first?.index == 5)
        #expect(second?.version == 2 && second?.created == false)
        #expect(otherSet?.version == 1 && otherSet?.created == true)
        #expect(otherTenant?.version == 1 && otherTenant?.created == true)
        #expect(third?.version == 3, "rewriting the same value is still a new version")
        let etags = [first, second, third].compactMap { $0?.etag }
        #expect(Set(etags).count == 3)
    }

    @Test("a version records its author, time, index and each change with the value it replaced")
    func versionRecords() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("k", "old", actor: "alice", at: 1000), at: 1)
        try state.apply(Commands.put("k", .null, actor: "bob", at: 2000), at: 2)
        try state.apply(Commands.delete("k"), at: 3)

        let dump = try state.dumpTables()
        let versions = try dump[ConfigTables.versionsName]!.map {
            try RecordCoding.decode(VersionRecord.self, from: $0.value, table: "versions")
        }
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.map(\.index) == [1, 2, 3])
        #expect(versions[1].author == "bob" && versions[1].createdAt == 2000)
        #expect(versions[0].changes == [Change(op: .set, scope: .tenant, key: "k", value: "old", previous: nil)])
        #expect(versions[1].changes == [Change(op: .set, scope: .tenant, key: "k", value: .null, previous: "old")])
        #expect(versions[2].changes == [Change(op: .delete, scope: .tenant, key: "k", value: nil, previous: .null)])

        let events = try dump[ConfigTables.eventsName]!.map {
            try RecordCoding.decode(EventRecord.self, from: $0.value, table: "events")
        }
        #expect(events.map(\.index) == [1, 2, 3])
        #expect(events.map(\.version) == [1, 2, 3])
        #expect(events.last?.etag == versions.last?.etag)
    }

    @Test("deleting an item removes it in a new version; deleting an absent one is not found and publishes nothing")
    func deletes() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("a", 1), at: 1)
        #expect(try state.apply(Commands.delete("missing"), at: 2).rejectionReason == .notFound)
        #expect(try state.apply(Commands.delete("a", scope: .env("prod")), at: 3).rejectionReason == .notFound)
        #expect(try state.apply(Commands.delete("a", set: "never-written"), at: 4).rejectionReason == .notFound)
        let deleted = try state.apply(Commands.delete("a"), at: 5).receipt
        #expect(deleted?.version == 2)
        #expect(try state.apply(Commands.delete("a"), at: 6).rejectionReason == .notFound)

        let dump = try state.dumpTables()
        #expect(dump[ConfigTables.versionsName]?.count == 2)
        #expect(dump[ConfigTables.eventsName]?.count == 2)
        #expect(dump[ConfigTables.layersName]?.isEmpty == true)
        #expect(dump[ConfigTables.setsName]?.count == 1, "a refused delete creates no set")
    }

    @Test("If-Match: the current etag or * passes, a stale one or a missing set is refused")
    func ifMatch() throws {
        let state = try TestStateEnvironment()
        #expect(try state.apply(Commands.put("a", 1, ifMatch: "*"), at: 1).rejectionReason == .preconditionFailed)
        let first = try #require(try state.apply(Commands.put("a", 1), at: 2).receipt)
        let second = try #require(try state.apply(Commands.put("a", 2, ifMatch: first.etag), at: 3).receipt)
        #expect(
            try state.apply(Commands.put("a", 3, ifMatch: first.etag), at: 4).rejectionReason == .preconditionFailed)
        #expect(
            try state.apply(Commands.delete("a", ifMatch: first.etag), at: 5).rejectionReason == .preconditionFailed)
        #expect(try state.apply(Commands.put("a", 3, ifMatch: "*"), at: 6).receipt?.version == 3)
        #expect(second.version == 2)
    }

    @Test("a value over 1 MiB of canonical JSON is refused when applied, whatever the proposer checked")
    func valueSizeCap() throws {
        let state = try TestStateEnvironment()
        let atCap = String(repeating: "x", count: ValueSizeCap.maximumBytes - 2)
        #expect(try state.apply(Commands.put("k", .string(atCap)), at: 1).receipt?.version == 1)
        let outcome = try state.apply(Commands.put("k", .string(atCap + "x")), at: 2)
        guard case .rejected(let rejection) = outcome else {
            Issue.record("an oversized value was stored")
            return
        }
        #expect(rejection.reason == .valueTooLarge)
        #expect(rejection.detail.contains("1048577 bytes"))
        #expect(try state.dumpTables()[ConfigTables.versionsName]?.count == 1)
    }

    @Test("an invalid address is refused with its violations, not thrown")
    func invalidAddress() throws {
        let state = try TestStateEnvironment()
        let outcome = try state.apply(Commands.put("/bad", 1, set: "Bad_Set", scope: .global), at: 1)
        guard case .rejected(let rejection) = outcome else {
            Issue.record("expected a rejection, got \(outcome)")
            return
        }
        #expect(rejection.reason == .invalidCommand)
        #expect(Set(rejection.violations.map(\.path)) == ["set", "key", "scope"])
        #expect(try state.dumpTables().values.allSatisfy(\.isEmpty))
    }

    @Test(
        "bytes that are not a command are refused with an outcome, not thrown",
        arguments: [
            ("", Rejection.Reason.invalidCommand), ("\u{0}\u{1}garbage", .invalidCommand),
            (#"{"v":99,"type":"item.put"}"#, .unsupportedCommand),
            (#"{"v":1,"type":"drafts.fly","actor":"a","at":1,"payload":{}}"#, .unsupportedCommand),
            (#"{"v":1,"type":"item.put","actor":"a","at":1,"payload":{"address":{}}}"#, .invalidCommand),
        ])
    func malformedCommands(text: String, reason: Rejection.Reason) throws {
        let state = try TestStateEnvironment()
        #expect(try state.apply(bytes: Array(text.utf8), at: 1).rejectionReason == reason)
        #expect(try state.dumpTables().values.allSatisfy(\.isEmpty))
    }

    @Test("the same commands applied to two fresh stores give byte-identical tables")
    func determinism() throws {
        let commands: [Command] = [
            Commands.put("retry.max", 3), Commands.put("db/pool", ["size": 10, "ttl": 1.5], scope: .env("prod")),
            Commands.put("retry.max", .null, scope: .app(env: "prod", app: "web")), Commands.delete("missing"),
            Commands.put("banner", "hello", tenant: "*", scope: .global), Commands.put("a", 1, ifMatch: "stale"),
            Commands.delete("retry.max"), Commands.put("flag", true, tenant: "globex", set: "features"),
            Commands.put("keyed", 1, idempotencyKey: "k1"), Commands.put("keyed", 1, idempotencyKey: "k1"),
            Commands.put("keyed", 2, idempotencyKey: "k1"),
            Commands.putSchema(["type": "object", "properties": ["db/pool": ["type": "object"]]]),
            Commands.put("db/pool", "not an object"), Commands.putPolicy(requireApproval: true, set: "billing"),
            Commands.createDraft([DraftChange(scope: .tenant, key: "retry.max", value: 5)]),
            Commands.approveDraft(15, by: "bob"), Commands.publishDraft(15, by: "carol"),
        ]
        let left = try TestStateEnvironment()
        let right = try TestStateEnvironment()
        func applyAll(to state: TestStateEnvironment) throws -> [CommandOutcome] {
            let environment = state.environment
            return try commands.enumerated().map { offset, command in
                try environment.write { transaction in
                    try ConfigStateMachine().apply(
                        command.encoded(), at: UInt64(offset + 1), in: transaction, environment: environment)
                }
            }
        }
        let leftOutcomes = try applyAll(to: left)
        let rightOutcomes = try applyAll(to: right)
        #expect(leftOutcomes == rightOutcomes)
        let leftTables = try left.dumpTables()
        #expect(leftTables == (try right.dumpTables()))
        #expect(leftTables.values.allSatisfy { !$0.isEmpty })
    }
}
