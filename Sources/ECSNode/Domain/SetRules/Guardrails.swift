import KVStore

/// A set's guardrails as `apply` enforces them (`shared/spec/API.md`, "Schema and guardrails"):
/// the whole set, as a change would leave it, checked against the set's schema and the secret
/// guard, every violation listed.
///
/// The whole set rather than the changed value alone, because `required` depends on every scope
/// (a delete can remove the last copy of a required key, and a platform delete the inherited one)
/// and because the rule is simplest to trust when it holds for every version the store publishes.
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
        return try refusal(
            of: mutations, to: namespace, set, against: schema, edition: edition,
            detail: "the change would leave set '\(set)' violating its schema or the secret guard")
    }

    /// Why (namespace, set) after `mutations` does not satisfy `schema` and the secret guard, or
    /// `nil`; `detail` says what was refused.
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
