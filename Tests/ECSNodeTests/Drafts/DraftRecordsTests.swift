import KVStore
import Testing

@testable import ECSNode

/// Drafts in the state machine, without HTTP: the commands' log form, ids made of log indexes,
/// and the same tables on every node.
@Suite("Drafts: commands, ids and apply")
struct DraftRecordsTests {
    /// A set, a JSON null (a value, not a delete) and a delete, at three scopes.
    static let changes = [
        DraftChange(scope: .tenant, key: "retry.max", value: 5),
        DraftChange(scope: .env("prod"), key: "debug", value: .null),
        DraftChange(scope: .app(env: "prod", app: "web"), key: "old.flag", value: nil),
    ]

    @Test("draft commands survive the log unchanged, with their own types; a null value is not a delete")
    func roundTrip() throws {
        let commands: [(Command, String)] = [
            (Commands.createDraft(Self.changes), "draft.create"),
            (Commands.approveDraft(42, by: "bob"), "draft.approve"),
            (Commands.publishDraft(42, by: "carol"), "draft.publish"),
        ]
        for (command, type) in commands {
            #expect(try Command.decode(command.encoded()) == command)
            #expect(try JSONValue.parse(command.encoded())["type"] == .string(type))
        }
        #expect(try JSONValue.parse(commands[1].0.encoded())["payload"]?["draft"] == "d42")
    }

    @Test("a draft id is d and a log index, with exactly one spelling")
    func ids() {
        #expect(DraftID(parsing: "d42") == DraftID(index: 42))
        #expect(DraftID(index: 9_223_372_036_854_775_807).description == "d9223372036854775807")
        #expect(DraftID(parsing: "d9223372036854775807")?.index == 9_223_372_036_854_775_807)
        for text in ["", "d", "d0", "d042", "42", "D42", "dx", "d4x", "d-1", "d+1", "d99999999999999999999"] {
            #expect(DraftID(parsing: text) == nil, "\(text)")
        }
    }

    @Test("a change's log form refuses a set without a value and a delete with one")
    func changeShapes() throws {
        #expect(throws: RecordShapeError.self) {
            try DraftChange(json: ["op": "set", "scope": "tenant", "key": "k"])
        }
        #expect(throws: RecordShapeError.self) {
            try DraftChange(json: ["op": "delete", "scope": "tenant", "key": "k", "value": 1])
        }
        let hidden = try DraftChange(json: ["op": "set", "scope": "tenant", "key": "k", "value": .null])
        #expect(hidden.value == .null && hidden.op == .set)
    }

    @Test("create, approve and publish applied on two nodes write the same tables; the id is the create's index")
    func deterministic() throws {
        let log = [
            Commands.put("old.flag", true, scope: .app(env: "prod", app: "web")), Commands.put("retry.max", 3),
            Commands.createDraft(Self.changes, by: "alice"), Commands.approveDraft(3, by: "alice"),
            Commands.approveDraft(3, by: "bob"), Commands.publishDraft(3, by: "carol"),
        ]
        var tables: [[String: [Entry]]] = []
        for node in ["n1", "n2"] {
            let state = try TestStateEnvironment(node)
            let outcomes = try log.enumerated().map { offset, command in
                try state.apply(command, at: UInt64(offset + 1))
            }
            guard case .draft(let created) = outcomes[2] else { throw DraftFixtureFailed("\(outcomes[2])") }
            #expect(created.draft.id == DraftID(index: 3) && created.draft.baseVersion == 2)
            #expect(outcomes[3].rejectionReason == .selfApproval)
            #expect(outcomes[5].receipt?.version == 3 && outcomes[5].receipt?.index == 6)
            tables.append(try state.dumpTables())
        }
        #expect(tables[0] == tables[1])
        #expect(tables[0][ConfigTables.draftsName]?.count == 1)
    }
}
