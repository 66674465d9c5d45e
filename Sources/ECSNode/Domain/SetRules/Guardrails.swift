import KVStore

/// A set's guardrails as `apply` enforces them (`shared/spec/API.md`, "Schema and guardrails"):
/// a set, as a change would leave it, checked against the set's schema and the secret guard,
/// every violation listed.
///
/// A new schema is checked against the whole set (`refusal(of:to:_:against:…)`). A write is
/// checked incrementally: every version the store publishes satisfies the set's schema (a schema
/// is only stored when the set satisfies it, and every write is checked), so only the values the
/// write sets can break a per-value rule, and only a key it removes can break `required` — then,
/// and only then, the whole set is read to see whether another scope still holds it. A write
/// costs the size of its change, not of its set: checking every value on every write made each
/// write (on every node) read and re-validate the whole set.
struct Guardrails {
    let tables: ConfigTables
    let transaction: ReadTransaction
    let schemaCache: SchemaCache

    /// Why `mutations` must not be published to (namespace, set), or `nil` when the set would
    /// satisfy its stored schema (if any) and the secret guard. `edition` is the tenant's, whose
    /// platform layer may supply required keys.
    func refusal(
        of mutations: [VersionPublisher.Mutation], to namespace: Namespace, _ set: String, edition: String?
    ) throws -> Rejection? {
        let schema: ConfigSchema?
        let rules = SetRules(tables: tables, transaction: transaction)
        switch try rules.schema(of: namespace, set, cache: schemaCache) {
        case nil: schema = nil
        case .success(let compiled)?: schema = compiled
        case .failure(let error)?:
            return .invalidSchema(
                error,
                detail: "the stored schema of set '\(set)' does not compile on this version of ECS; replace it with "
                    + "PUT …/sets/\(set)/schema")
        }
        var changed: [Scope: [String: JSONValue]] = [:]
        for mutation in mutations { changed[mutation.scope, default: [:]][mutation.key] = mutation.value }
        var violations = SetValidator.valueViolations(of: changed, schema: schema)
        let required = Set(schema?.root.required ?? [])
        if let schema, mutations.contains(where: { ($0.value ?? .null) == .null && required.contains($0.key) }) {
            let contents = try SetContentsReader(tables: tables, transaction: transaction).contents(
                of: namespace, set, after: mutations, required: schema.root.required, edition: edition)
            violations += SetValidator.missingRequiredKeys(of: contents, root: schema.root)
        }
        guard !violations.isEmpty else { return nil }
        return Rejection(
            reason: .validationFailed,
            detail: "the change would leave set '\(set)' violating its schema or the secret guard",
            violations: violations)
    }

    /// Why the whole of (namespace, set) after `mutations` does not satisfy `schema` and the
    /// secret guard, or `nil`; `detail` says what was refused. For a new schema.
    func refusal(
        of mutations: [VersionPublisher.Mutation], to namespace: Namespace, _ set: String,
        against schema: ConfigSchema?, edition: String?, detail: String
    ) throws -> Rejection? {
        let contents = try SetContentsReader(tables: tables, transaction: transaction).contents(
            of: namespace, set, after: mutations, required: schema?.root.required ?? [], edition: edition)
        let violations = SetValidator.violations(of: contents, schema: schema)
        guard !violations.isEmpty else { return nil }
        return Rejection(reason: .validationFailed, detail: detail, violations: violations)
    }
}
