import Testing

@testable import ECSNode

@Suite("Command: the versioned log encoding")
struct CommandTests {
    @Test("a command survives the log unchanged")
    func roundTrip() throws {
        let put = Commands.put(
            "db/pool", ["size": 10, "hidden": .null], scope: .app(env: "prod", app: "web"), ifMatch: "abc")
        #expect(try Command.decode(put.encoded()) == put)
        let delete = Commands.delete("db/pool", tenant: "*", scope: .edition("pro"))
        #expect(try Command.decode(delete.encoded()) == delete)
    }

    @Test("schema and policy commands survive the log unchanged, with their own types")
    func setRules() throws {
        let schema = Commands.putSchema(["type": "object", "properties": ["k": ["const": .null]]], set: "billing")
        #expect(try Command.decode(schema.encoded()) == schema)
        #expect(try JSONValue.parse(schema.encoded())["type"] == "set.schema.put")
        let policy = Commands.putPolicy(requireApproval: true, tenant: "globex")
        #expect(try Command.decode(policy.encoded()) == policy)
        #expect(try JSONValue.parse(policy.encoded())["type"] == "set.policy.put")
        #expect(try JSONValue.parse(policy.encoded())["v"] == 1)
    }

    @Test("a null value stays a value, distinct from a delete")
    func nullValue() throws {
        let put = Commands.put("feature", .null)
        #expect(try Command.decode(put.encoded()) == put)
    }

    @Test("the wire form is self-describing")
    func wireForm() throws {
        let json = try JSONValue.parse(Commands.put("k", 1).encoded())
        #expect(json["v"] == .integer(1))
        #expect(json["type"] == "item.put")
        #expect(json["actor"] == "alice")
        #expect(json["at"] == .integer(1_700_000_000_000))
    }

    @Test("another format version is refused, not guessed")
    func unsupportedVersion() {
        let bytes = Array(#"{"v":2,"type":"item.put","actor":"a","at":1,"payload":{}}"#.utf8)
        #expect(throws: CommandDecodingError.unsupportedVersion(2)) { try Command.decode(bytes) }
    }

    @Test("an unknown type is refused")
    func unknownType() {
        let bytes = Array(#"{"v":1,"type":"tenant.explode","actor":"a","at":1,"payload":{}}"#.utf8)
        #expect(throws: CommandDecodingError.unknownType("tenant.explode")) { try Command.decode(bytes) }
    }

    @Test(
        "garbage and broken payloads are malformed",
        arguments: [
            "", "xyz", "[]", #"{"v":1}"#, #"{"v":1,"type":"item.put","actor":"a","at":1,"payload":{"value":1}}"#,
        ])
    func malformed(text: String) {
        #expect {
            try Command.decode(Array(text.utf8))
        } throws: { error in
            if case .malformed = error as? CommandDecodingError { true } else { false }
        }
    }
}
