import Foundation
import KVStore
import Testing

@testable import ECSNode

/// The guardrails decided where they are enforced: at apply time, from the log entry alone.
@Suite("ConfigStateMachine: schemas, policies and checked writes")
struct GuardrailsApplyTests {
    @Test("a schema command that does not compile is refused at apply, whatever the proposer checked")
    func invalidSchemaInTheLog() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("retry.max", 3), at: 1)
        let before = try state.dumpTables()
        let broken: JSONValue = ["type": "object", "properties": ["retry.max": ["minimum": "one"]], "colour": 1]
        let rejection = try #require(try state.apply(Commands.putSchema(broken), at: 2).rejection)
        #expect(rejection.reason == .invalidSchema)
        #expect(rejection.violations.map(\.path) == ["#/colour", "#/properties/retry.max/minimum"])
        #expect(try state.dumpTables() == before)
    }

    @Test("a schema is stored only when the set's current values satisfy it, checked at apply")
    func currentValuesAtApply() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("retry.max", "three"), at: 1)
        let integer: JSONValue = ["type": "object", "properties": ["retry.max": ["type": "integer"]]]
        let rejection = try #require(try state.apply(Commands.putSchema(integer), at: 2).rejection)
        #expect(rejection.reason == .validationFailed)
        #expect(rejection.violations.map(\.path) == ["tenant/retry.max"])
        #expect(try state.dumpTables()[ConfigTables.schemasName] == [])

        try state.apply(Commands.put("retry.max", 3), at: 3)
        guard case .schema(let receipt) = try state.apply(Commands.putSchema(integer), at: 4) else {
            Issue.record("the schema was not stored")
            return
        }
        #expect(receipt.record == SchemaRecord(document: integer, index: 4))
        #expect(receipt.address == SchemaAddress(namespace: .tenant("acme"), set: "payments"))
        #expect(try state.apply(Commands.put("retry.max", "four"), at: 5).rejectionReason == .validationFailed)
        #expect(try state.apply(Commands.put("retry.max", 4), at: 6).receipt?.version == 3)
    }

    @Test("a stored schema this build cannot compile refuses writes to its set, naming the problems")
    func storedSchemaNoLongerCompiles() throws {
        let state = try TestStateEnvironment()
        let tables = try ConfigTables(in: state.environment)
        let stored = SchemaRecord(document: ["type": "object", "minLength": 1], index: 1)
        try state.environment.write { transaction in
            try transaction.put(
                RecordCoding.encode(stored), forKey: TableKeys.set(.tenant("acme"), "payments"), in: tables.schemas)
        }
        let rejection = try #require(try state.apply(Commands.put("k", 1), at: 2).rejection)
        #expect(rejection.reason == .invalidSchema)
        #expect(rejection.violations.map(\.path) == ["#/minLength"])
        #expect(try state.apply(Commands.put("k", 1, set: "other"), at: 3).receipt?.version == 1)
    }

    @Test("schema and policy commands for unknown tenants or invalid names are refused")
    func addresses() throws {
        let state = try TestStateEnvironment()
        let empty: JSONValue = ["type": "object"]
        #expect(try state.apply(Commands.putSchema(empty, tenant: "nobody"), at: 1).rejectionReason == .unknownTenant)
        #expect(
            try state.apply(Commands.putPolicy(requireApproval: true, tenant: "nobody"), at: 2).rejectionReason
                == .unknownTenant)
        let invalid = try #require(try state.apply(Commands.putSchema(empty, tenant: "A!", set: "B_"), at: 3).rejection)
        #expect(invalid.reason == .invalidCommand)
        #expect(invalid.violations.map(\.path) == ["tenant", "set"])
        #expect(
            try state.apply(Commands.putPolicy(requireApproval: true, set: "B_"), at: 4).rejectionReason
                == .invalidCommand)
        #expect(try state.apply(Commands.deleteSchema(tenant: "nobody"), at: 5).rejectionReason == .unknownTenant)
        let platformInvalid = try #require(
            try state.apply(Commands.putSchema(empty, tenant: "*", set: "B_"), at: 6).rejection)
        #expect(platformInvalid.violations.map(\.path) == ["set"])
        #expect(
            try state.apply(Commands.deleteSchema(tenant: "*", set: "B_"), at: 7).rejectionReason == .invalidCommand)
        #expect(try state.dumpTables().values.allSatisfy(\.isEmpty))
    }

    @Test("a schema is removed at apply; removing one a set does not have is refused as not found")
    func deleteAtApply() throws {
        let state = try TestStateEnvironment()
        let small: JSONValue = ["type": "object", "properties": ["k": ["maximum": 1]]]
        let sets: [(tenant: String, scope: Scope, namespace: Namespace, first: UInt64)] = [
            ("acme", .tenant, .tenant("acme"), 1), ("*", .global, .platform, 11),
        ]
        for (tenant, scope, namespace, first) in sets {
            #expect(try state.apply(Commands.deleteSchema(tenant: tenant), at: first).rejectionReason == .notFound)
            #expect(try state.apply(Commands.putSchema(small, tenant: tenant), at: first + 1).rejection == nil)
            #expect(
                try state.apply(Commands.put("k", 5, tenant: tenant, scope: scope), at: first + 2).rejectionReason
                    == .validationFailed)
            let removed = try state.apply(Commands.deleteSchema(tenant: tenant), at: first + 3)
            let address = SchemaAddress(namespace: namespace, set: "payments")
            #expect(removed == .schemaDeleted(SchemaDeletion(address: address, index: first + 3)))
            #expect(try state.apply(Commands.put("k", 5, tenant: tenant, scope: scope), at: first + 4).receipt != nil)
            #expect(try state.apply(Commands.deleteSchema(tenant: tenant), at: first + 5).rejectionReason == .notFound)
        }
    }

    @Test("a policy requiring approval refuses item writes at apply, before If-Match and not-found")
    func policyAtApply() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("k", 1), at: 1)
        guard case .policy(let receipt) = try state.apply(Commands.putPolicy(requireApproval: true), at: 2) else {
            Issue.record("the policy was not stored")
            return
        }
        #expect(receipt.policy.requireApproval && receipt.index == 2)
        let before = try state.dumpTables()
        for command in [
            Commands.put("k", 2), Commands.delete("k"), Commands.delete("absent"),
            Commands.put("k", 2, ifMatch: "stale"),
        ] {
            #expect(try state.apply(command, at: 3).rejectionReason == .approvalRequired)
        }
        #expect(try state.dumpTables() == before)
        #expect(try state.apply(Commands.put("k", 2, set: "other"), at: 4).receipt?.version == 1)
        try state.apply(Commands.putPolicy(requireApproval: false), at: 5)
        #expect(try state.apply(Commands.put("k", 2), at: 6).receipt?.version == 2)
    }

    @Test("required keys: the platform layers of the tenant's edition count, other editions do not")
    func inheritedRequiredKeys() throws {
        let state = try TestStateEnvironment()
        let schema: JSONValue = ["type": "object", "required": ["region"]]
        try state.apply(Commands.put("region", "eu", tenant: "*", scope: .edition("free")), at: 1)
        let missing = try #require(try state.apply(Commands.putSchema(schema), at: 2).rejection)
        #expect(
            missing.violations == [
                Violation(
                    code: "schema.required", path: "region",
                    message: "The key is required: give it a non-null value at some scope of the set.")
            ])
        try state.apply(Commands.put("region", .null, tenant: "*", scope: .global), at: 3)
        #expect(
            try state.apply(Commands.putSchema(schema), at: 4).rejectionReason == .validationFailed, "null is no value")
        try state.apply(Commands.put("region", "eu", tenant: "*", scope: .edition("pro")), at: 5)
        #expect(try state.apply(Commands.putSchema(schema), at: 6).rejection == nil)
        #expect(try state.apply(Commands.put("other", 1), at: 7).receipt?.version == 1)
        try state.apply(Commands.delete("region", tenant: "*", scope: .edition("pro")), at: 8)
        // A platform delete leaves the tenant's set short of a required key; the tenant's writes
        // are checked for what they change, so they are not blocked by what the platform did.
        #expect(try state.apply(Commands.put("other", 2), at: 9).receipt?.version == 2)
        #expect(
            try state.apply(Commands.putSchema(schema), at: 10).rejection?.violations.map(\.code) == ["schema.required"]
        )
    }

    @Test("a pathological pattern on a long value is refused with schema.pattern once the step budget is spent")
    func patternBudget() throws {
        let state = try TestStateEnvironment()
        // 2,000 instructions, nearly all alive at every position of a run of `a`s: about 2,000 steps
        // per code point, so the budget is spent after some 2,500 of the 100,000 code points (the
        // whole search would take 200 million steps).
        let schema: JSONValue = ["type": "object", "properties": ["k": ["pattern": "(?:a?){1000}b"]]]
        try state.apply(Commands.putSchema(schema), at: 1)
        let value = JSONValue.string(String(repeating: "a", count: 100_000))
        var outcome: CommandOutcome?
        let elapsed = try ContinuousClock().measure { outcome = try state.apply(Commands.put("k", value), at: 2) }
        let rejection = try #require(outcome?.rejection)
        #expect(rejection.reason == .validationFailed)
        #expect(rejection.violations.map(\.code) == ["schema.pattern"])
        #expect(rejection.violations.first?.message.contains("matching steps") == true)
        print("a write spending the whole pattern budget was refused in \(elapsed)")
        #expect(try state.apply(Commands.put("k", "aab"), at: 3).receipt != nil, "short values still match")
    }
}
