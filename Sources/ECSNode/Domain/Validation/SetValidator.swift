/// The tenant layers of one set after a proposed change, plus which keys the platform layers supply.
struct SetContents: Equatable, Sendable {
    /// Key → value at each scope. Every layer given is checked, and counts toward `required`.
    var layers: [Scope: [String: JSONValue]]
    /// Keys with a non-null value in the platform layers (global, edition) of the same set name:
    /// they satisfy `required` without being checked against the tenant's schema.
    var inheritedKeys: Set<String>
}

/// Checks a whole set against its schema and the secret guard, as one write or publish proposes
/// to leave it.
///
/// This runs inside the replicated state machine, so the same contents must give byte-identical
/// violations on every node: scopes, keys and members are walked in a fixed order (never
/// dictionary order), and nothing depends on clocks, locales or randomness.
enum SetValidator {
    /// Every violation of the schema (`nil` = no schema) and of the secret guard.
    ///
    /// Order: by scope (global < edition < tenant < env < app, then the scope's text), then key,
    /// then location inside the value (members by name, elements by index); at one location, schema
    /// findings in keyword order before the secret guard's. Missing `required` keys come last, by
    /// key, with the key alone as their path.
    ///
    /// A `null` at a scope hides an inherited value, so it is never checked. A plaintext finding
    /// where the schema already reported `secret.classified` is dropped: one problem, one violation.
    ///
    /// The schema's `pattern` keywords share one `PatternBudget` for the whole check, so one call
    /// costs at most that many matching steps, whatever the values and the patterns.
    static func violations(of contents: SetContents, schema: ConfigSchema?) -> [Violation] {
        var violations = valueViolations(of: contents.layers, schema: schema)
        if let schema {
            violations += missingRequiredKeys(of: contents, root: schema.root)
        }
        return violations
    }

    /// The violations of the values in `layers` alone (no `required` check), in the order of
    /// `violations(of:schema:)`: what a change's new values must pass when the rest of the set
    /// already satisfies the schema.
    static func valueViolations(of layers: [Scope: [String: JSONValue]], schema: ConfigSchema?) -> [Violation] {
        var violations: [Violation] = []
        var budget = PatternBudget()
        for scope in layers.keys.sorted(by: precedes) {
            let layer = layers[scope]!.sorted { $0.key.utf8Precedes($1.key) }
            for (key, value) in layer where value != .null {
                let findings = findings(of: value, key: key, schema: schema, budget: &budget)
                violations += findings.map { $0.violation(under: "\(scope)/\(key)") }
            }
        }
        return violations
    }

    private static func findings(
        of value: JSONValue, key: String, schema: ConfigSchema?, budget: inout PatternBudget
    ) -> [Finding] {
        var findings: [Finding] = []
        if let schema {
            let (node, keyword) = schema.root.schema(forMember: key)
            findings = SchemaEvaluator.findings(for: value, against: node, appliedBy: keyword, budget: &budget)
        }
        let classified = Set(findings.filter { $0.code == "secret.classified" }.map(\.pointer))
        findings += SecretGuard.findings(key: key, value: value).filter { !classified.contains($0.pointer) }
        return findings.sortedByPointer()
    }

    /// The schema's `required` keys that no layer of `contents` (nor the platform) holds.
    static func missingRequiredKeys(of contents: SetContents, root: SchemaKeywords) -> [Violation] {
        root.required.sorted(by: { $0.utf8Precedes($1) }).compactMap { key in
            let present =
                contents.inheritedKeys.contains(key)
                || contents.layers.values.contains { layer in layer[key].map { $0 != .null } ?? false }
            guard !present else { return nil }
            return Violation(
                code: "schema.required", path: key,
                message: "The key is required: give it a non-null value at some scope of the set.")
        }
    }

    /// Scopes in precedence order, then by their text (two `env:` scopes, say).
    private static func precedes(_ lhs: Scope, _ rhs: Scope) -> Bool {
        guard rank(lhs) == rank(rhs) else { return rank(lhs) < rank(rhs) }
        return lhs.description.utf8Precedes(rhs.description)
    }

    private static func rank(_ scope: Scope) -> Int {
        switch scope {
        case .global: 0
        case .edition: 1
        case .tenant: 2
        case .env: 3
        case .app: 4
        }
    }
}
