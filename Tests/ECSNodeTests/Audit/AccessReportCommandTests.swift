import KVStore
import Testing

@testable import ECSNode

/// The `audit.access` command: its log encoding and what applying it appends.
@Suite("Command: audit.access, a node's access report")
struct AccessReportCommandTests {
    static func counter(
        _ namespace: Namespace = .tenant("acme"), actor: String = "alice", kind: AccessCounter.Kind = .read,
        status: Int = 200, count: UInt64 = 3
    ) -> AccessCounter {
        AccessCounter(
            namespace: namespace, actor: actor, kind: kind, resource: "GET /v1/tenants/{tenant}/config", status: status,
            count: count, from: 1_000, to: 2_000)
    }

    static func command(_ counters: [AccessCounter]) -> Command {
        Command(actor: "node:n1", issuedAt: 5_000, action: .recordAccess(AccessReport(node: "n1", counters: counters)))
    }

    @Test("an access report survives the log unchanged, as type audit.access")
    func roundTrip() throws {
        let command = Self.command([
            Self.counter(), Self.counter(.platform, actor: "anonymous", kind: .denied, status: 401),
        ])
        #expect(try Command.decode(command.encoded()) == command)
        #expect(try JSONValue.parse(command.encoded())["type"] == "audit.access")
    }

    @Test(
        "malformed access reports are refused as malformed",
        arguments: [
            #"{"counters":[]}"#,
            #"{"node":"n1","counters":{}}"#,
            #"{"node":"n1","counters":[{"namespace":"acme","actor":"a","kind":"write","resource":"r","status":200,"count":1,"from":1,"to":1}]}"#,
            #"{"node":"n1","counters":[{"namespace":"Not A Name","actor":"a","kind":"read","resource":"r","status":200,"count":1,"from":1,"to":1}]}"#,
            #"{"node":"n1","counters":[{"namespace":"acme","actor":"a","kind":"read","resource":"r","status":42,"count":1,"from":1,"to":1}]}"#,
            #"{"node":"n1","counters":[{"namespace":"acme","actor":"a","kind":"read","resource":"r","status":200,"count":0,"from":1,"to":1}]}"#,
            #"{"node":"n1","counters":[{"namespace":"acme","actor":"a","kind":"read","resource":"r","status":200,"count":1,"from":2,"to":1}]}"#,
            #"{"node":"n1","counters":[{"namespace":"acme","actor":"a","kind":"read","resource":"r","status":200,"count":1}]}"#,
        ])
    func malformed(payload: String) {
        let bytes = Array(#"{"v":1,"type":"audit.access","actor":"node:n1","at":1,"payload":\#(payload)}"#.utf8)
        #expect {
            try Command.decode(bytes)
        } throws: { error in
            if case .malformed(let reason) = error as? CommandDecodingError {
                reason.contains("audit.access")
            } else {
                false
            }
        }
    }

    @Test("applying appends one chained record per counter, to each namespace's trail; unknown tenants are left out")
    func apply() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("a", 1), at: 1)
        let outcome = try state.apply(
            Self.command([
                Self.counter(), Self.counter(actor: "anonymous", kind: .denied, status: 401, count: 7),
                Self.counter(.tenant("nobody")), Self.counter(.platform, actor: "mallory", kind: .denied, status: 403),
            ]),
            at: 2)
        #expect(outcome == .accessRecorded(AccessReceipt(records: 3)))
        let tables = try ConfigTables(in: state.environment)
        let (acme, platform, verification) = try state.environment.read { transaction in
            let trail = AuditTrail(tables: tables)
            return (
                try trail.records(of: .tenant("acme"), after: 0, limit: 10, in: transaction),
                try trail.records(of: .platform, after: 0, limit: 10, in: transaction),
                try trail.verify(.tenant("acme"), in: transaction)
            )
        }
        #expect(acme.map(\.action) == ["item.put", "read", "denied"])
        #expect(acme.map(\.outcome) == ["ok", "ok", "denied:unauthorized"])
        #expect(acme.map(\.actor) == ["alice", "alice", "anonymous"])
        #expect(acme[2].resource == "GET /v1/tenants/{tenant}/config" && acme[2].index == 2 && acme[2].at == 5_000)
        #expect(
            acme[2].detail == [
                "count": 7, "from": 1_000, "to": 2_000, "status": 401, "node": "n1", "reportedBy": "node:n1",
            ])
        #expect(verification.ok && verification.count == 3)
        #expect(platform.map(\.outcome) == ["denied:forbidden"] && platform.map(\.actor) == ["mallory"])
    }
}
