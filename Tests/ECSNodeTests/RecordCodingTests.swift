import Foundation
import KVStore
import Raft
import Testing

@testable import ECSNode

@Suite("RecordCoding: the hand-written JSON of records, commands and outcomes")
struct RecordCodingTests {
    private static let head = SetRecord(
        namespace: .tenant("acme"), name: "payments", headVersion: 7, etag: "e7", createdAt: 1, updatedAt: 2)

    private static let version = VersionRecord(
        version: 3, etag: "e3", author: "alice", message: nil, createdAt: 1_700_000_000_000, index: 42,
        changes: [
            Change(op: .set, scope: .env("prod"), key: "a", value: .null, previous: 1),
            Change(op: .delete, scope: .app(env: "prod", app: "web"), key: "b/c", value: nil, previous: .null),
            Change(op: .set, scope: .tenant, key: "d", value: ["x": [1.5, "y"]], previous: nil),
        ])

    @Test("every record survives a round trip, absent and null kept apart")
    func roundTrips() throws {
        #expect(try RecordCoding.decode(SetRecord.self, from: RecordCoding.encode(Self.head), table: "t") == Self.head)
        let version = try RecordCoding.decode(VersionRecord.self, from: RecordCoding.encode(Self.version), table: "t")
        #expect(version == Self.version)
        #expect(version.changes[0].value == .null && version.changes[1].value == nil)
        let event = EventRecord(index: 9, namespace: .platform, set: "s", version: 1, etag: "e", at: 5)
        #expect(try RecordCoding.decode(EventRecord.self, from: RecordCoding.encode(event), table: "t") == event)
        let tenant = TenantRecord(
            tenant: "acme", edition: "pro", homeRegion: "eu", residency: .replicated, createdAt: 1, updatedAt: 3)
        #expect(try RecordCoding.decode(TenantRecord.self, from: RecordCoding.encode(tenant), table: "t") == tenant)
        let schema = SchemaRecord(document: ["type": "object", "properties": ["k": [:]], "title": .null], index: 8)
        #expect(try RecordCoding.decode(SchemaRecord.self, from: RecordCoding.encode(schema), table: "t") == schema)
        let policy = SetPolicy(requireApproval: true)
        #expect(try RecordCoding.decode(SetPolicy.self, from: RecordCoding.encode(policy), table: "t") == policy)
    }

    @Test("set records written with the policy and schema members of earlier builds still read")
    func setRecordWithRetiredMembers() throws {
        let stored =
            #"{"namespace":"acme","name":"payments","headVersion":7,"etag":"e7","createdAt":1,"updatedAt":2,"#
            + #""policy":{"requireApproval":true},"schema":{"type":"object"}}"#
        #expect(try RecordCoding.decode(SetRecord.self, from: Array(stored.utf8), table: "sets") == Self.head)
    }

    @Test("records written by earlier builds (Foundation's encoder) still read")
    func earlierFormat() throws {
        let stored =
            #"{"changes":[{"key":"k","op":"set","previous":2,"scope":"env:prod","value":{"n":1}}],"#
            + #""createdAt":5,"etag":"ab","index":12,"version":2,"author":"bob"}"#
        let record = try RecordCoding.decode(VersionRecord.self, from: Array(stored.utf8), table: "versions")
        #expect(record.changes == [Change(op: .set, scope: .env("prod"), key: "k", value: ["n": 1], previous: 2)])
        #expect(record.message == nil && record.index == 12)
    }

    @Test("the bytes are canonical: sorted members, no whitespace")
    func canonicalBytes() {
        let event = EventRecord(index: 1, namespace: .tenant("acme"), set: "s", version: 2, etag: "e", at: 3)
        #expect(
            String(decoding: RecordCoding.encode(event), as: UTF8.self)
                == #"{"at":3,"etag":"e","index":1,"namespace":"acme","set":"s","version":2}"#)
    }

    @Test(
        "a damaged record is a corrupted store, naming what is wrong",
        arguments: [
            ("{", "not JSON"), (#"{"namespace":"acme"}"#, "member 'name' is missing"),
            (#"{"namespace":"ACME!","name":"s","headVersion":1,"etag":"e","createdAt":1,"updatedAt":1}"#, "namespace"),
            (
                #"{"namespace":"acme","name":"s","headVersion":-1,"etag":"e","createdAt":1,"updatedAt":1}"#,
                "non-negative"
            ),
        ])
    func damaged(text: String, expected: String) {
        #expect {
            try RecordCoding.decode(SetRecord.self, from: Array(text.utf8), table: "sets")
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .corrupted && "\(error)".contains(expected) && "\(error)".contains("sets")
        }
    }

    @Test("a damaged schema or policy record is a corrupted store")
    func damagedRules() {
        #expect {
            try RecordCoding.decode(SchemaRecord.self, from: Array(#"{"document":{}}"#.utf8), table: "schemas")
        } throws: { error in
            "\(error)".contains("member 'index' is missing") && (error as? StoreError)?.kind == .corrupted
        }
        #expect {
            try RecordCoding.decode(SetPolicy.self, from: Array(#"{"requireApproval":"yes"}"#.utf8), table: "policies")
        } throws: { error in
            "\(error)".contains("requireApproval") && (error as? StoreError)?.kind == .corrupted
        }
    }

    @Test("outcomes survive the way back to the proposer")
    func outcomes() throws {
        let outcomes: [CommandOutcome] = [
            .written(
                ECSNode.WriteReceipt(namespace: .platform, set: "s", version: 4, etag: "e", index: 10, created: false)),
            .tenant(
                TenantReceipt(
                    record: TenantRecord(
                        tenant: "t", edition: "e", homeRegion: "r", residency: .strict, createdAt: 1, updatedAt: 1),
                    index: 3, created: true)),
            .rejected(
                Rejection(
                    reason: .preconditionFailed, detail: "moved on",
                    violations: [Violation(code: "c", path: "p", message: "m")])),
            .schema(
                SchemaReceipt(
                    address: SchemaAddress(namespace: .tenant("acme"), set: "s"),
                    record: SchemaRecord(document: ["type": "object"], index: 5))),
            .schemaDeleted(SchemaDeletion(address: SchemaAddress(namespace: .platform, set: "s"), index: 7)),
            .policy(
                PolicyReceipt(
                    address: SetAddress(tenant: "acme", set: "s"), policy: SetPolicy(requireApproval: false), index: 6)),
            .rejected(Rejection(reason: .validationFailed, detail: "d")),
        ]
        for outcome in outcomes + outcomes.map(CommandOutcome.replayed) {
            #expect(try CommandOutcome.decode(outcome.encoded()) == outcome)
        }
        #expect(
            String(decoding: CommandOutcome.replayed(outcomes[2]).encoded(), as: UTF8.self).hasPrefix(
                #"{"replayed":{"rejected":{"#))
        for text in [
            #"{}"#, #"{"written":1,"rejected":2}"#, #"{"exploded":{}}"#, #"{"tenant":{},"rejected":{}}"#, "[]",
        ] {
            #expect(throws: RecordShapeError.self) { try CommandOutcome.decode(Array(text.utf8)) }
        }
        let record = IdempotencyRecord(hash: "ab12", outcome: outcomes[0], at: -5, index: 77)
        #expect(
            try RecordCoding.decode(IdempotencyRecord.self, from: RecordCoding.encode(record), table: "t") == record)
    }

    @Test("the applied state is written in the form its reader expects, 64-bit node ids exact")
    func appliedState() throws {
        var confState = ConfState()
        confState.voters = [UInt64.max, 1, 0x8000_0000_0000_0001]
        confState.learners = [7]
        let state = AppliedState(index: 99, term: 4, confState: confState)
        #expect(try JSONDecoder().decode(AppliedState.self, from: Data(state.encoded())) == state)
    }
}
