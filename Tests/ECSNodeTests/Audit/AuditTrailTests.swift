import Crypto
import Foundation
import KVStore
import Testing

@testable import ECSNode

/// The hash-chained audit trail the state machine writes, on real LMDB files.
@Suite("Audit: the hash-chained trail of applied commands")
struct AuditTrailTests {
    private static let marker = "plaintext-marker-7f3c"

    /// Applies three writes (one refused) to `acme` and one to `globex`.
    private static func seed(_ state: TestStateEnvironment) throws {
        try state.apply(Commands.put("a", .string(marker)), at: 1)
        try state.apply(Commands.put("a", 2, ifMatch: "stale"), at: 2)
        try state.apply(Commands.delete("a"), at: 3)
        try state.apply(Commands.put("b", 1, tenant: "globex"), at: 4)
    }

    private static func records(_ state: TestStateEnvironment, _ tenant: String) throws -> [AuditRecord] {
        let tables = try ConfigTables(in: state.environment)
        return try state.environment.read {
            try AuditTrail(tables: tables).records(of: .tenant(tenant), after: 0, limit: 100, in: $0)
        }
    }

    private static func verify(_ environment: Environment, _ tenant: String = "acme") throws -> AuditVerification {
        let tables = try ConfigTables(in: environment)
        return try environment.read { try AuditTrail(tables: tables).verify(.tenant(tenant), in: $0) }
    }

    @Test("every applied command leaves one chained record in its tenant's trail, refusals included")
    func chain() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        let acme = try Self.records(state, "acme")
        #expect(acme.map(\.seq) == [1, 2, 3])
        #expect(acme.map(\.action) == ["item.put", "item.put", "item.delete"])
        #expect(acme.map(\.outcome) == ["ok", "denied:precondition-failed", "ok"])
        #expect(acme.map(\.index) == [1, 2, 3])
        #expect(acme[0].resource == "sets/payments/items/a?scope=tenant")
        #expect(acme[0].detail["version"] == .integer(1) && acme[2].detail["version"] == .integer(2))
        #expect(acme[0].prevHash == AuditRecord.genesisHash)
        #expect(acme[1].prevHash == acme[0].hash && acme[2].prevHash == acme[1].hash)
        // The hash is SHA-256 of the canonical record without `hash`, computed here independently.
        for record in acme {
            guard case .object(var members) = record.json else { Issue.record("not an object"); continue }
            members["hash"] = nil
            let digest = SHA256.hash(data: JSONValue.object(members).canonicalBytes)
            #expect(record.hash == digest.map { String(format: "%02x", $0) }.joined())
        }
        #expect(try Self.records(state, "globex").map(\.seq) == [1])
        #expect(try Self.verify(state.environment) == AuditVerification(count: 3, head: acme[2].hash, brokenAt: nil))
    }

    @Test("a record's sealed bytes are its canonical encoding with the expected hash, whatever its members")
    func sealedEncoding() throws {
        let details: [[String: JSONValue]] = [
            [:], ["version": 3, "valueHash": "ab12"], ["index": "shadows a member name", "zz": [1, "\u{1F600}"]],
            ["quote\"d": .null, "\u{E000}": true, "\u{10000}": false],
        ]
        for (position, detail) in details.enumerated() {
            var record = AuditRecord(
                seq: UInt64(position + 1), at: 1_700_000_000_000, actor: "al\"ice", action: "item.put",
                resource: "sets/payments/items/a?scope=env:prod", outcome: "denied:not-found", detail: detail,
                index: 42, prevHash: AuditRecord.genesisHash, hash: "")
            let sealed = record.sealed
            record.hash = record.expectedHash
            #expect(sealed.hash == record.expectedHash)
            #expect(sealed.bytes == RecordCoding.encode(record), "the encoding used before records were sealed")
            #expect(try AuditRecord(jsonBytes: sealed.bytes) == record)
        }
    }

    @Test("values are never copied into the trail, only their hashes")
    func noValues() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        let tables = try ConfigTables(in: state.environment)
        let raw = try state.environment.read { try $0.entries(in: tables.audit) }.flatMap(\.value)
        #expect(!String(decoding: raw, as: UTF8.self).contains(Self.marker))
        let valueHash = ContentHash.hex(of: JSONValue.string(Self.marker).canonicalBytes)
        #expect(try Self.records(state, "acme")[0].detail["valueHash"] == .string(valueHash))
    }

    @Test("a record changed in the LMDB file is detected: verify says ok false and where")
    func tamperedFile() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        try state.environment.sync()
        // Edit a copy of the data file (LMDB must not open one environment twice in a process).
        let copy = state.path + "-tampered"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: state.path + "/data.mdb")))
        let original = Array(#""outcome":"denied:precondition-failed""#.utf8)
        let forged = Array(#""outcome":"ok!!!!:precondition-failed""#.utf8)
        #expect(original.count == forged.count)
        let matches = bytes.indices.filter { bytes[$0...].starts(with: original) }
        // Copy-on-write leaves older copies of a page in the file too: forge them all.
        #expect(!matches.isEmpty)
        for start in matches { bytes.replaceSubrange(start..<start + forged.count, with: forged) }
        try Data(bytes).write(to: URL(fileURLWithPath: copy + "/data.mdb"))

        var options = EnvironmentOptions()
        options.mapSize = 16 << 20
        let tampered = try Environment.open(at: copy, options: options)
        try ConfigStateMachine.prepare(tampered)
        #expect(
            try Self.verify(tampered)
                == AuditVerification(count: 1, head: Self.records(state, "acme")[0].hash, brokenAt: 2))
        #expect(try Self.verify(tampered, "globex").ok)
        #expect(try Self.verify(state.environment).ok)
    }

    @Test("a record deleted from the middle of a trail is detected")
    func deletedRecord() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        let tables = try ConfigTables(in: state.environment)
        try state.environment.write { transaction in
            _ = try transaction.delete(TableKeys.audit(.tenant("acme"), 2), in: tables.audit)
        }
        let verification = try Self.verify(state.environment)
        #expect(!verification.ok && verification.brokenAt == 2 && verification.count == 1)
    }

    @Test("the newest records cut off the end of a trail are detected: the head still names them")
    func truncatedTail() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        let tables = try ConfigTables(in: state.environment)
        try state.environment.write { transaction in
            _ = try transaction.delete(TableKeys.audit(.tenant("acme"), 3), in: tables.audit)
        }
        let verification = try Self.verify(state.environment)
        #expect(!verification.ok && verification.brokenAt == 3 && verification.count == 2)
    }

    @Test("a trail written before its head was kept continues its chain from its last record")
    func trailWithoutHead() throws {
        let state = try TestStateEnvironment()
        try Self.seed(state)
        let tables = try ConfigTables(in: state.environment)
        try state.environment.write { transaction in
            _ = try transaction.delete(TableKeys.auditPrefix(of: .tenant("acme")), in: tables.auditHeads)
        }
        #expect(try Self.verify(state.environment).ok)
        try state.apply(Commands.put("c", 3), at: 5)
        let acme = try Self.records(state, "acme")
        #expect(acme.map(\.seq) == [1, 2, 3, 4])
        #expect(acme[3].prevHash == acme[2].hash)
        #expect(try Self.verify(state.environment) == AuditVerification(count: 4, head: acme[3].hash, brokenAt: nil))
    }

    @Test("a damaged head is a storage error, not a guess")
    func damagedHead() throws {
        #expect(throws: StoreError.self) { try AuditHead(bytes: [1, 2, 3]) }
        let upperCaseHash = BigEndianKey.encode(1) + Array(String(repeating: "A", count: 64).utf8)
        #expect(throws: StoreError.self) { try AuditHead(bytes: upperCaseHash) }
        let head = AuditHead(seq: 7, hash: String(repeating: "0f", count: 32))
        #expect(try AuditHead(bytes: head.bytes) == head)
    }

    @Test("two nodes applying the same commands write identical trails")
    func deterministic() throws {
        let first = try TestStateEnvironment()
        let second = try TestStateEnvironment()
        try Self.seed(first)
        try Self.seed(second)
        #expect(try Self.records(first, "acme") == Self.records(second, "acme"))
    }
}
