/// The keywords a set's schema may use, and where.
///
/// Anything else is refused rather than ignored: a misspelt `maxLenght` that silently checks
/// nothing is worse than an error when the schema is stored.
enum SchemaVocabulary {
    /// The keywords that constrain values (JSON Schema 2020-12 semantics), plus ECS's
    /// `x-classification`.
    static let assertions = [
        "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
        "maxLength", "pattern", "items", "minItems", "maxItems", "properties", "required", "additionalProperties",
        "x-classification",
    ]

    /// Keywords that only describe; accepted anywhere and not checked.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly",
        "writeOnly",
    ]

    /// The assertions allowed at the top of a set's schema. The set is never checked as one
    /// object: each value is checked against its property when it is written, so a keyword like
    /// `enum` or `minLength` at the top could not be enforced.
    static let topLevelAssertions: Set<String> = ["type", "properties", "required", "additionalProperties"]

    /// The one classification ECS enforces.
    static let secretClassification = "secret"
}
