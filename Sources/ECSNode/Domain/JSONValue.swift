/// Any JSON value: what a config item holds, and the building block of every canonical body.
///
/// Numbers keep integers exact: a number that is an integer and fits in 64 bits is `.integer`
/// (so `3`, `3.0` and `3e0` are the same value, as RFC 8785 says), every other number is
/// `.double`. Two values are equal exactly when their canonical serializations are equal.
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number, stored as `.integer` whenever it is a whole number that fits in an `Int64`.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded(.towardZero) == value, let exact = Int64(exactly: value) {
            return .integer(exact)
        }
        return .double(value)
    }

    /// Parses one JSON document (any value, not only objects and arrays), strictly
    /// (`JSONParser`). Throws `JSONValue.ParseError` with the reason, so the HTTP layer can
    /// answer 400.
    static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> JSONValue {
        try JSONParser.parse(Array(bytes))
    }

    /// Why a body is not JSON.
    struct ParseError: Error, Sendable, Equatable {
        var reason: String
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
