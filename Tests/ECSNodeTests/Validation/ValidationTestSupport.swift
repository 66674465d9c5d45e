@testable import ECSNode

/// Shorthands for the validation tests: JSON from text, and one-key sets.
enum Fixture {
    /// Parses JSON text; the tests only pass valid JSON.
    static func json(_ text: String) -> JSONValue {
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            fatalError("invalid JSON in a test: \(error.reason)")
        }
    }

    /// A schema whose only property `k` has the subschema `property` (JSON text).
    static func schema(property: String) throws -> ConfigSchema {
        try ConfigSchema(document: json(#"{"type":"object","properties":{"k":"# + property + "}}"))
    }

    /// The violations of the value `value` stored as `k` at the tenant scope, against a schema
    /// whose property `k` is `property`.
    static func violations(of value: JSONValue, property: String) throws -> [Violation] {
        let contents = SetContents(layers: [.tenant: ["k": value]], inheritedKeys: [])
        return SetValidator.violations(of: contents, schema: try schema(property: property))
    }

    /// The codes of `violations(of:property:)`, for terse expectations.
    static func codes(of value: JSONValue, property: String) throws -> [String] {
        try violations(of: value, property: property).map(\.code)
    }

    /// The violations of a schema document that `ConfigSchema` refuses; empty when it accepts it.
    static func documentViolations(_ text: String) -> [Violation] {
        do throws(SchemaDocumentError) {
            _ = try ConfigSchema(document: json(text))
            return []
        } catch {
            return error.violations
        }
    }
}
