/// A (sub)schema after `SchemaCompiler` has checked it: the form `SchemaEvaluator` runs, with
/// every keyword already typed, every regex compiled and every bound made exact.
indirect enum SchemaNode: Sendable {
    /// `true` accepts every value, `false` refuses every value (JSON Schema's boolean schemas).
    case boolean(Bool)
    case keywords(SchemaKeywords)

    /// `{}`: no constraint at all.
    static let anything = SchemaNode.boolean(true)
}

/// The JSON Schema type names.
enum SchemaType: String, Sendable, CaseIterable {
    case null, boolean, integer, number, string, array, object

    /// Whether `value` is an instance of this type; `integer` is any number with no fractional
    /// part, and every integer is also a `number`.
    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.number, .integer), (.number, .double): true
        case (.integer, _): SchemaNumber(value)?.isWhole ?? false
        default: false
        }
    }

    /// The most precise type name of `value`, for messages.
    static func of(_ value: JSONValue) -> SchemaType {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .integer: .integer
        case .double(let double): SchemaNumber.double(double).isWhole ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }
}

/// The constraints of one object schema. A keyword left `nil` (or empty) was absent.
struct SchemaKeywords: Sendable {
    /// `type`, in the order written.
    var types: [SchemaType]?
    var enumValues: [JSONValue]?
    /// `const`, which may itself be `null`.
    var constValue: JSONValue?
    var minimum: SchemaNumber?
    var maximum: SchemaNumber?
    var exclusiveMinimum: SchemaNumber?
    var exclusiveMaximum: SchemaNumber?
    var minLength: Int?
    var maxLength: Int?
    var pattern: (source: String, compiled: CompiledPattern)?
    var items: SchemaNode?
    var minItems: Int?
    var maxItems: Int?
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var additionalProperties: SchemaNode?
    /// `x-classification: "secret"`: the value must be a `@secret:` reference.
    var isSecret = false

    /// The schema that applies to the member `name` of an object, and the keyword that applied
    /// it (named in the violation when that schema is `false`).
    func schema(forMember name: String) -> (node: SchemaNode, keyword: String) {
        if let declared = properties[name] { return (declared, "properties") }
        return (additionalProperties ?? .anything, "additionalProperties")
    }
}
