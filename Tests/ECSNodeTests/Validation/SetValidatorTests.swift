import Testing

@testable import ECSNode

/// A whole set, all its scopes, against its schema and the secret guard.
@Suite("Set validation")
struct SetValidatorTests {
    typealias F = Fixture

    static let schema: ConfigSchema = {
        do throws(SchemaDocumentError) {
            return try ConfigSchema(
                document: Fixture.json(
                    #"""
                    {"type":"object","additionalProperties":false,"required":["retry.max","region","name"],
                     "properties":{
                       "retry.max":{"type":"integer","minimum":1,"maximum":10},
                       "region":{"type":"string"},
                       "name":{"type":"string"},
                       "db.pool":{"type":"object","properties":{"max":{"type":"integer","maximum":50}}},
                       "hosts":{"type":"array","items":{"type":"string","pattern":"^[a-z.]+$"}},
                       "db.password":{"x-classification":"secret"}
                     }}
                    """#))
        } catch {
            fatalError("the fixture schema is valid: \(error.violations)")
        }
    }()

    @Test("every tenant scope is checked, and paths name scope, key and pointer")
    func everyScope() {
        let contents = SetContents(
            layers: [
                .tenant: ["retry.max": 0, "name": "n"],
                .env("prod"): ["retry.max": 11, "db.pool": ["max": 99]],
                .app(env: "prod", app: "web"): ["hosts": ["ok", "NOT OK"]],
            ], inheritedKeys: ["region"])
        let violations = SetValidator.violations(of: contents, schema: Self.schema)
        #expect(
            violations.map(\.path) == [
                "tenant/retry.max", "env:prod/db.pool#/max", "env:prod/retry.max", "app:prod/web/hosts#/1",
            ])
        #expect(violations.map(\.code) == ["schema.minimum", "schema.maximum", "schema.maximum", "schema.pattern"])
    }

    @Test("a valid set has no violations")
    func valid() {
        let contents = SetContents(
            layers: [
                .tenant: ["retry.max": 3, "name": "payments", "db.password": "@secret:vault://kv/payments#db"],
                .env("prod"): ["hosts": ["a.example", "b.example"], "db.pool": ["max": 20]],
            ], inheritedKeys: ["region"])
        #expect(SetValidator.violations(of: contents, schema: Self.schema) == [])
    }

    @Test("null hides an inherited value: allowed at every scope, for any key, of any type")
    func nullValues() {
        let contents = SetContents(
            layers: [
                .tenant: ["retry.max": 3, "name": "n", "region": "eu", "unknown": .null],
                .env("prod"): ["retry.max": .null, "db.password": .null, "hosts": .null],
            ], inheritedKeys: [])
        #expect(SetValidator.violations(of: contents, schema: Self.schema) == [])
    }

    @Test("additionalProperties false refuses an undeclared key at any scope")
    func undeclaredKeys() {
        let contents = SetContents(
            layers: [
                .tenant: ["retry.max": 3, "name": "n", "retries": 3],
                .app(env: "dev", app: "api"): ["colour": "red"],
            ], inheritedKeys: ["region"])
        let violations = SetValidator.violations(of: contents, schema: Self.schema)
        #expect(violations.map(\.path) == ["tenant/retries", "app:dev/api/colour"])
        #expect(violations.allSatisfy { $0.code == "schema.additionalProperties" })
    }

    @Test("a required key needs a non-null value at some scope, or a platform value")
    func requiredKeys() {
        let missing = SetContents(
            layers: [.tenant: ["retry.max": .null, "name": "n"], .env("prod"): ["name": .null]], inheritedKeys: [])
        let violations = SetValidator.violations(of: missing, schema: Self.schema)
        #expect(violations.map(\.path) == ["region", "retry.max"])
        #expect(violations.allSatisfy { $0.code == "schema.required" })

        let satisfied = SetContents(
            layers: [.app(env: "prod", app: "web"): ["retry.max": 2, "name": "n"]], inheritedKeys: ["region"])
        #expect(SetValidator.violations(of: satisfied, schema: Self.schema) == [])
        let empty = SetContents(layers: [:], inheritedKeys: ["region", "retry.max", "name"])
        #expect(SetValidator.violations(of: empty, schema: Self.schema) == [])
    }

    @Test("a secret-classified property takes only a reference; the value is never echoed")
    func secretClassified() {
        for value: JSONValue in ["hunter2", 1234, ["user": "u"], "@secret:", "@secret:has space", ""] {
            let contents = SetContents(
                layers: [.tenant: ["retry.max": 3, "name": "n", "db.password": value]], inheritedKeys: ["region"])
            let violations = SetValidator.violations(of: contents, schema: Self.schema)
            #expect(violations.map(\.code) == ["secret.classified"], "\(value)")
            #expect(violations.map(\.path) == ["tenant/db.password"])
            #expect(
                violations.first?.message
                    == "This value is classified secret: store it in a secret manager and write its @secret:<uri> "
                    + "reference here instead.")
        }
    }

    @Test("inside values, secret-classified members are enforced too")
    func nestedSecret() throws {
        let property = #"{"properties":{"auth":{"properties":{"token":{"x-classification":"secret"}}}}}"#
        let value = Fixture.json(#"{"auth":{"token":"abc"}}"#)
        #expect(try F.violations(of: value, property: property).map(\.path) == ["tenant/k#/auth/token"])
        let reference = Fixture.json(#"{"auth":{"token":"@secret:aws-sm://prod/token"}}"#)
        #expect(try F.violations(of: reference, property: property) == [])
    }

    @Test("the secret guard runs with or without a schema, and is not doubled by secret.classified")
    func secretGuardInSets() {
        let contents = SetContents(
            layers: [.env("prod"): ["db.url": "postgres://app:hunter2@db/payments", "db.password": "hunter2"]],
            inheritedKeys: [])
        let unschematized = SetValidator.violations(of: contents, schema: nil)
        #expect(unschematized.map(\.path) == ["env:prod/db.password", "env:prod/db.url"])
        #expect(unschematized.allSatisfy { $0.code == "secret.plaintext" })

        let withSchema = SetValidator.violations(of: contents, schema: Self.schema)
        #expect(
            withSchema.map(\.code) == [
                "secret.classified", "schema.additionalProperties", "secret.plaintext", "schema.required",
                "schema.required", "schema.required",
            ])
        #expect(!withSchema.contains { $0.message.contains("hunter2") })
    }

    @Test("violations are ordered by scope precedence, scope, key, then location in the value")
    func ordering() {
        let bad: JSONValue = "NOT OK"
        let contents = SetContents(
            layers: [
                .app(env: "dev", app: "web"): ["hosts": [bad]],
                .app(env: "dev", app: "api"): ["hosts": [bad]],
                .env("prod"): ["hosts": [bad]],
                .env("dev"): ["hosts": ["ok", "ok", bad, "ok", "ok", "ok", "ok", "ok", "ok", "ok", bad], "zz": 1],
                .tenant: ["retry.max": 3, "name": "n", "hosts": [bad]],
            ], inheritedKeys: ["region"])
        let paths = SetValidator.violations(of: contents, schema: Self.schema).map(\.path)
        #expect(
            paths == [
                "tenant/hosts#/0", "env:dev/hosts#/2", "env:dev/hosts#/10", "env:dev/zz", "env:prod/hosts#/0",
                "app:dev/api/hosts#/0", "app:dev/web/hosts#/0",
            ])
    }

    @Test("the same contents give identical output, whatever order the dictionaries were built in")
    func determinism() {
        let keys = (0..<60).map { "key\($0)" }
        func contents(_ order: [String]) -> SetContents {
            var layer: [String: JSONValue] = [:]
            for key in order { layer[key] = ["password": "hunter2", "ghp": "AKIAIOSFODNN7EXAMPLE", "n": 1] }
            var layers: [Scope: [String: JSONValue]] = [:]
            for scope in [Scope.app(env: "b", app: "x"), .env("b"), .env("a"), .tenant].shuffled() {
                layers[scope] = layer
            }
            return SetContents(layers: layers, inheritedKeys: [])
        }
        let schema = try? ConfigSchema(document: Fixture.json(#"{"additionalProperties":{"required":["m"]}}"#))
        let first = SetValidator.violations(of: contents(keys), schema: schema)
        let second = SetValidator.violations(of: contents(Array(keys.reversed())), schema: schema)
        let third = SetValidator.violations(of: contents(keys.shuffled()), schema: schema)
        #expect(first.count == 4 * 60 * 3)
        #expect(first == second)
        #expect(first == third)
        #expect(first.prefix(3).map(\.path) == ["tenant/key0", "tenant/key0#/ghp", "tenant/key0#/password"])
    }
}
