import Testing

@testable import ECSNode

/// Each supported keyword, accepting and refusing, on a value stored at the tenant scope.
@Suite("Schema keywords")
struct SchemaKeywordTests {
    typealias F = Fixture

    @Test("type: one name or a list; integer is a number without a fractional part")
    func type() throws {
        #expect(try F.codes(of: 3, property: #"{"type":"integer"}"#) == [])
        #expect(try F.codes(of: 3.5, property: #"{"type":"integer"}"#) == ["schema.type"])
        #expect(try F.codes(of: .double(1e20), property: #"{"type":"integer"}"#) == [])
        #expect(try F.codes(of: 3, property: #"{"type":"number"}"#) == [])
        #expect(try F.codes(of: 3.5, property: #"{"type":"number"}"#) == [])
        #expect(try F.codes(of: "3", property: #"{"type":"number"}"#) == ["schema.type"])
        #expect(try F.codes(of: true, property: #"{"type":"boolean"}"#) == [])
        #expect(try F.codes(of: 1, property: #"{"type":"boolean"}"#) == ["schema.type"])
        #expect(try F.codes(of: "x", property: #"{"type":["integer","string"]}"#) == [])
        #expect(try F.codes(of: [1], property: #"{"type":["integer","string"]}"#) == ["schema.type"])
        #expect(try F.codes(of: ["a": 1], property: #"{"type":"object"}"#) == [])
        #expect(try F.codes(of: [1], property: #"{"type":"object"}"#) == ["schema.type"])
        let message = try F.violations(of: 3.5, property: #"{"type":["integer","string"]}"#).first?.message
        #expect(message == "Expected type integer or string, found a value of type number.")
    }

    @Test("enum and const compare JSON values, 1 and 1.0 alike")
    func enumAndConst() throws {
        #expect(try F.codes(of: "b", property: #"{"enum":["a","b",1]}"#) == [])
        #expect(try F.codes(of: .number(1.0), property: #"{"enum":["a","b",1]}"#) == [])
        #expect(try F.codes(of: "c", property: #"{"enum":["a","b",1]}"#) == ["schema.enum"])
        #expect(try F.codes(of: ["x": [1, 2]], property: #"{"enum":[{"x":[1,2]}]}"#) == [])
        #expect(try F.codes(of: ["x": [2, 1]], property: #"{"enum":[{"x":[1,2]}]}"#) == ["schema.enum"])
        #expect(try F.codes(of: 7, property: #"{"const":7}"#) == [])
        #expect(try F.codes(of: 8, property: #"{"const":7}"#) == ["schema.const"])
        #expect(try F.codes(of: "null", property: #"{"const":null}"#) == ["schema.const"])
    }

    @Test("minimum and maximum are inclusive")
    func inclusiveBounds() throws {
        let property = #"{"minimum":1,"maximum":10}"#
        #expect(try F.codes(of: 1, property: property) == [])
        #expect(try F.codes(of: 10, property: property) == [])
        #expect(try F.codes(of: 0, property: property) == ["schema.minimum"])
        #expect(try F.codes(of: 10.5, property: property) == ["schema.maximum"])
        #expect(try F.violations(of: 0, property: property).first?.message == "The number must be at least 1.")
        #expect(try F.codes(of: "0", property: property) == [], "bounds only concern numbers")
    }

    @Test("exclusiveMinimum and exclusiveMaximum are numbers (2020-12) and exclusive")
    func exclusiveBounds() throws {
        let property = #"{"exclusiveMinimum":0,"exclusiveMaximum":1.5}"#
        #expect(try F.codes(of: 1, property: property) == [])
        #expect(try F.codes(of: 0.25, property: property) == [])
        #expect(try F.codes(of: 0, property: property) == ["schema.exclusiveMinimum"])
        #expect(try F.codes(of: 1.5, property: property) == ["schema.exclusiveMaximum"])
        #expect(try F.codes(of: -1, property: property) == ["schema.exclusiveMinimum"])
    }

    @Test("bounds compare integers and doubles exactly, beyond 2^53")
    func exactBounds() throws {
        // 2^53 + 1 is not a double: compared as doubles, 2^53 + 1 would equal 2^53.
        let property = #"{"exclusiveMinimum":9007199254740992}"#
        #expect(try F.codes(of: .integer(9_007_199_254_740_993), property: property) == [])
        #expect(try F.codes(of: .integer(9_007_199_254_740_992), property: property) == ["schema.exclusiveMinimum"])
        #expect(try F.codes(of: .double(1e19), property: #"{"maximum":9223372036854775807}"#) == ["schema.maximum"])
        #expect(try F.codes(of: .integer(Int64.max), property: #"{"maximum":1e19}"#) == [])
        #expect(try F.codes(of: .integer(-3), property: #"{"minimum":-2.5}"#) == ["schema.minimum"])
        #expect(try F.codes(of: .integer(-2), property: #"{"minimum":-2.5}"#) == [])
    }

    @Test("minLength and maxLength count Unicode code points, not bytes or graphemes")
    func lengths() throws {
        let property = #"{"minLength":2,"maxLength":3}"#
        #expect(try F.codes(of: "ab", property: property) == [])
        #expect(try F.codes(of: "a", property: property) == ["schema.minLength"])
        #expect(try F.codes(of: "abcd", property: property) == ["schema.maxLength"])
        // "éé" is 4 bytes but 2 code points; "👍🏽" is 1 grapheme but 2 code points.
        #expect(try F.codes(of: "\u{E9}\u{E9}", property: property) == [])
        #expect(try F.codes(of: "👍🏽", property: property) == [])
        #expect(try F.codes(of: "👍🏽👍🏽", property: property) == ["schema.maxLength"])
        #expect(try F.codes(of: 12345, property: property) == [], "lengths only concern strings")
        let message = try F.violations(of: "a", property: property).first?.message
        #expect(message == "The string must be at least 2 characters long.")
    }

    @Test("pattern is an unanchored search with ECMA-262-like semantics")
    func pattern() throws {
        #expect(try F.codes(of: "v1.2", property: #"{"pattern":"[0-9]+\\.[0-9]+"}"#) == [])
        #expect(try F.codes(of: "v1", property: #"{"pattern":"[0-9]+\\.[0-9]+"}"#) == ["schema.pattern"])
        #expect(try F.codes(of: "xaby", property: #"{"pattern":"ab"}"#) == [], "unanchored")
        #expect(try F.codes(of: "xab", property: #"{"pattern":"^ab$"}"#) == ["schema.pattern"])
        #expect(try F.codes(of: "٣", property: #"{"pattern":"^\\d$"}"#) == ["schema.pattern"], "\\d is ASCII")
        #expect(try F.codes(of: "é", property: #"{"pattern":"^\\w$"}"#) == ["schema.pattern"], "\\w is ASCII")
        #expect(try F.codes(of: "😀", property: #"{"pattern":"^.$"}"#) == [], "one code point")
        #expect(try F.codes(of: 5, property: #"{"pattern":"^x$"}"#) == [], "patterns only concern strings")
        let message = try F.violations(of: "v1", property: #"{"pattern":"^v[0-9]+$x"}"#).first?.message
        #expect(message == "The string must match the pattern: ^v[0-9]+$x")
    }

    @Test("minItems, maxItems and items")
    func arrays() throws {
        let property = #"{"type":"array","minItems":1,"maxItems":2,"items":{"type":"string"}}"#
        #expect(try F.codes(of: ["a"], property: property) == [])
        #expect(try F.codes(of: [], property: property) == ["schema.minItems"])
        #expect(try F.codes(of: ["a", "b", "c"], property: property) == ["schema.maxItems"])
        let violations = try F.violations(of: ["a", 2, "c", true], property: #"{"items":{"type":"string"}}"#)
        #expect(violations.map(\.path) == ["tenant/k#/1", "tenant/k#/3"])
        #expect(violations.map(\.code) == ["schema.type", "schema.type"])
        #expect(try F.codes(of: [1], property: #"{"items":false}"#) == ["schema.items"])
        #expect(try F.codes(of: [], property: #"{"items":false}"#) == [])
    }

    @Test("properties, required and additionalProperties apply inside object values")
    func objects() throws {
        let property = #"""
            {"type":"object","properties":{"max":{"type":"integer"},"name":{"type":"string"}},
             "required":["max","min"],"additionalProperties":false}
            """#
        #expect(try F.codes(of: ["max": 3, "min": 1], property: #"{"required":["max","min"]}"#) == [])
        let violations = try F.violations(of: ["max": "3", "extra": 1], property: property)
        #expect(violations.map(\.code) == ["schema.required", "schema.additionalProperties", "schema.type"])
        #expect(violations.map(\.path) == ["tenant/k", "tenant/k#/extra", "tenant/k#/max"])
        #expect(violations.first?.message == #"The member "min" is required."#)
        #expect(try F.codes(of: ["max": .null, "min": 1], property: #"{"required":["max","min"]}"#) == [])
    }

    @Test("a schema-valued additionalProperties checks the members that properties does not name")
    func additionalPropertiesSchema() throws {
        let property = #"{"properties":{"name":{"type":"string"}},"additionalProperties":{"type":"integer"}}"#
        #expect(try F.codes(of: ["name": "x", "a": 1, "b": 2], property: property) == [])
        let violations = try F.violations(of: ["name": "x", "a": "1"], property: property)
        #expect(violations.map(\.path) == ["tenant/k#/a"])
        #expect(violations.map(\.code) == ["schema.type"])
    }

    @Test("recursion: objects in arrays in objects, with RFC 6901 escaping in paths")
    func nesting() throws {
        let property = #"""
            {"properties":{"pools":{"items":{"properties":{"a/b~c":{"maximum":5}}}}}}
            """#
        let value = Fixture.json(#"{"pools":[{"a/b~c":1},{"a/b~c":9}]}"#)
        let violations = try F.violations(of: value, property: property)
        #expect(violations.map(\.path) == ["tenant/k#/pools/1/a~1b~0c"])
        #expect(violations.map(\.code) == ["schema.maximum"])
    }

    @Test("a value breaking several keywords gets one violation for each")
    func severalKeywords() throws {
        let property = #"{"enum":["abcdef"],"minLength":3,"pattern":"^[a-z]+$"}"#
        #expect(try F.codes(of: "A1", property: property) == ["schema.enum", "schema.minLength", "schema.pattern"])
    }

    @Test("boolean schemas: true accepts anything, false refuses everything")
    func booleanSchemas() throws {
        #expect(try F.codes(of: ["any": [1, "x"]], property: "true") == [])
        #expect(try F.codes(of: 1, property: "false") == ["schema.properties"])
        #expect(try F.codes(of: 1, property: "{}") == [])
    }

    @Test("numbers compare exactly across Int64 and Double")
    func schemaNumbers() {
        #expect(SchemaNumber.integer(3) < .double(3.5))
        #expect(SchemaNumber.double(3.5) < .integer(4))
        #expect(!(SchemaNumber.integer(3) < .double(3.0)) && !(SchemaNumber.double(3.0) < .integer(3)))
        #expect(SchemaNumber.integer(Int64.max) < .double(9_223_372_036_854_775_808.0))
        #expect(SchemaNumber.double(-9_223_372_036_854_777_856.0) < .integer(Int64.min))
        #expect(SchemaNumber.integer(-3) < .double(-2.5))
        #expect(SchemaNumber.double(-3.5) < .integer(-3))
        #expect(SchemaNumber.double(2.5).text == "2.5" && SchemaNumber.integer(-7).text == "-7")
    }
}
