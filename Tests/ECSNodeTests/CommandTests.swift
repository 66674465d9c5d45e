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
        for deletion in [Commands.deleteSchema(), Commands.deleteSchema(tenant: "*")] {
            #expect(try Command.decode(deletion.encoded()) == deletion)
            #expect(try JSONValue.parse(deletion.encoded())["type"] == "set.schema.delete")
        }
        let platform = Commands.putSchema(["type": "object"], tenant: "*")
        #expect(try Command.decode(platform.encoded()) == platform)
        #expect(try JSONValue.parse(platform.encoded())["payload"]?["address"] == ["tenant": "*", "set": "payments"])
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

    @Test("an Idempotency-Key travels as the optional idem member of format 1")
    func idempotencyMember() throws {
        let keyed = Commands.put("k", ["a": 1], idempotencyKey: "retry-1")
        #expect(try Command.decode(keyed.encoded()) == keyed)
        let json = try JSONValue.parse(keyed.encoded())
        #expect(json["v"] == .integer(1))
        #expect(json["idem"]?["key"] == "retry-1")
        #expect(json["idem"]?["hash"] == .string(IdempotencyClaim.digest(of: keyed.action)))
        #expect(try JSONValue.parse(Commands.put("k", 1).encoded())["idem"] == nil, "no key, no member")
    }

    @Test("commands written before the idem member existed still decode, without a key")
    func withoutIdempotencyMember() throws {
        let stored =
            #"{"actor":"alice","at":1700000000000,"payload":{"address":{"key":"k","namespace":"acme","#
            + #""scope":"tenant","set":"payments"},"value":1},"type":"item.put","v":1}"#
        let command = try Command.decode(Array(stored.utf8))
        #expect(command == Commands.put("k", 1))
        #expect(command.idempotency == nil)
    }

    @Test("the request digest depends on what the request means, not on how its body is spelled")
    func digest() throws {
        let spelled = try JSONValue.parse(Array(#"{ "b": [1, 2], "a": 1.0 }"#.utf8))
        let compact = try JSONValue.parse(Array(#"{"a":1,"b":[1,2]}"#.utf8))
        let digest = { (command: Command) in IdempotencyClaim.digest(of: command.action) }
        #expect(digest(Commands.put("k", spelled)) == digest(Commands.put("k", compact)))
        #expect(digest(Commands.put("k", 1)).count == 64)
        let variants = [
            Commands.put("k", 2), Commands.put("k2", 1), Commands.put("k", 1, set: "other"),
            Commands.put("k", 1, scope: .env("prod")), Commands.put("k", 1, tenant: "globex"),
            Commands.put("k", 1, ifMatch: "e1"), Commands.delete("k"),
        ]
        #expect(Set(variants.map(digest) + [digest(Commands.put("k", 1))]).count == variants.count + 1)
        #expect(digest(Commands.put("k", 1, actor: "bob")) == digest(Commands.put("k", 1)), "the key is the tenant's")
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
