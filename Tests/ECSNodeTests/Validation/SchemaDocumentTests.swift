import Testing

@testable import ECSNode

/// What `ConfigSchema.init` accepts and refuses, and where it says the problems are.
@Suite("Schema documents")
struct SchemaDocumentTests {
    typealias F = Fixture

    @Test("a schema using every supported keyword and annotation is accepted")
    func everyKeyword() throws {
        let text = #"""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:ecs:payments","$comment":"c",
             "title":"Payments","description":"d","type":"object","required":["retry.max"],
             "additionalProperties":{"type":["string","null"]},
             "properties":{
               "retry.max":{"type":"integer","minimum":0,"maximum":10,"exclusiveMinimum":-1,"exclusiveMaximum":11,
                            "default":3,"examples":[1],"deprecated":false,"readOnly":false,"writeOnly":false},
               "mode":{"enum":["a","b"],"const":"a"},
               "name":{"minLength":1,"maxLength":5,"pattern":"^[a-z]+$"},
               "hosts":{"type":"array","items":{"type":"string"},"minItems":0,"maxItems":3},
               "db":{"type":"object","properties":{"password":{"type":"string","x-classification":"secret"}},
                     "required":["password"],"additionalProperties":false}
             }}
            """#
        let schema = try ConfigSchema(document: F.json(text))
        #expect(schema.document == F.json(text))
        #expect(schema.root.required == ["retry.max"])
        #expect(F.documentViolations(#"{}"#) == [])
        #expect(F.documentViolations(#"{"type":"object"}"#) == [])
        #expect(F.documentViolations(#"{"type":["object"]}"#) == [])
    }

    @Test("every keyword the vocabulary lists is one the compiler reads")
    func vocabularyIsImplemented() {
        for keyword in SchemaVocabulary.assertions + SchemaVocabulary.annotations.sorted() {
            let violations = F.documentViolations(#"{"properties":{"k":{""# + keyword + #"":"?"}}}"#)
            #expect(!violations.contains { $0.message.contains("not a supported keyword") }, "\(keyword)")
        }
    }

    @Test(
        "keywords outside the subset are refused, not ignored",
        arguments: ["$ref", "$defs", "allOf", "anyOf", "oneOf", "not", "if", "format", "prefixItems", "uniqueItems"])
    func outsideTheSubset(keyword: String) {
        let violations = F.documentViolations(#"{"properties":{"k":{""# + keyword + #"":{}}}}"#)
        #expect(violations.map(\.path) == ["#/properties/k/" + keyword])
        #expect(violations.first?.message.contains("is not a supported keyword") == true)
    }

    @Test("unknown keywords are refused wherever they are, each with its location")
    func unknownKeywords() {
        let violations = F.documentViolations(
            #"{"properties":{"a":{"maxLenght":3,"items":{"minimun":1}}},"patternProperties":{}}"#)
        #expect(
            violations.map(\.path) == [
                "#/patternProperties", "#/properties/a/items/minimun", "#/properties/a/maxLenght",
            ])
        #expect(violations.allSatisfy { $0.code == "schema.document" })
        #expect(violations.last?.message.hasPrefix(#""maxLenght" is not a supported keyword."#) == true)
    }

    @Test(
        "keywords with values of the wrong type are refused",
        arguments: [
            (#"{"type":"text"}"#, "#/type"),
            (#"{"type":[]}"#, "#/type"),
            (#"{"type":["string",1]}"#, "#/type/1"),
            (#"{"type":["string","string"]}"#, "#/type/1"),
            (#"{"minimum":"3"}"#, "#/minimum"),
            (#"{"maximum":null}"#, "#/maximum"),
            (#"{"exclusiveMinimum":true}"#, "#/exclusiveMinimum"),
            (#"{"exclusiveMaximum":[1]}"#, "#/exclusiveMaximum"),
            (#"{"minLength":-1}"#, "#/minLength"),
            (#"{"maxLength":1.5}"#, "#/maxLength"),
            (#"{"minItems":"1"}"#, "#/minItems"),
            (#"{"maxItems":-2}"#, "#/maxItems"),
            (#"{"enum":[]}"#, "#/enum"),
            (#"{"enum":"a"}"#, "#/enum"),
            (#"{"pattern":3}"#, "#/pattern"),
            (#"{"pattern":"("}"#, "#/pattern"),
            (#"{"pattern":"(?<=a)b"}"#, "#/pattern"),
            (#"{"items":3}"#, "#/items"),
            (#"{"properties":[]}"#, "#/properties"),
            (#"{"properties":{"x":"string"}}"#, "#/properties/x"),
            (#"{"required":"x"}"#, "#/required"),
            (#"{"required":["x",2]}"#, "#/required/1"),
            (#"{"required":["x","x"]}"#, "#/required/1"),
            (#"{"additionalProperties":"no"}"#, "#/additionalProperties"),
            (#"{"x-classification":"confidential"}"#, "#/x-classification"),
        ])
    func wrongTypes(property: String, pointer: String) {
        let violations = F.documentViolations(#"{"properties":{"k":"# + property + "}}")
        #expect(violations.map(\.path) == ["#/properties/k" + pointer.dropFirst()])
        #expect(violations.map(\.code) == ["schema.document"])
    }

    @Test("every problem of a document is listed at once, in document order")
    func everyProblem() {
        let violations = F.documentViolations(
            #"{"properties":{"b":{"minimum":"1"},"a":{"type":"text","maxLength":-1}},"required":[1]}"#)
        #expect(
            violations.map(\.path) == [
                "#/properties/a/maxLength", "#/properties/a/type", "#/properties/b/minimum", "#/required/0",
            ])
    }

    @Test("the top level must describe an object of key → value")
    func topLevel() {
        #expect(F.documentViolations(#"[]"#).map(\.path) == ["#"])
        #expect(F.documentViolations(#"true"#).map(\.path) == ["#"])
        #expect(F.documentViolations(#"{"type":"string"}"#).map(\.path) == ["#/type"])
        #expect(F.documentViolations(#"{"type":["object","null"]}"#).map(\.path) == ["#/type"])
        let unenforceable = F.documentViolations(#"{"minLength":1,"enum":[{}],"x-classification":"secret"}"#)
        #expect(unenforceable.map(\.path) == ["#/enum", "#/minLength", "#/x-classification"])
        #expect(unenforceable.first?.message.contains("cannot be enforced at the top level") == true)
    }

    @Test("top-level property names and required keys must be valid item keys")
    func topLevelKeys() {
        let violations = F.documentViolations(
            #"{"properties":{"ok.key":{},"bad key":{}},"required":["ok.key","/lead"]}"#)
        #expect(violations.map(\.path) == ["#/properties/bad key", "#/required/1"])
    }

    @Test("a secret-classified property may only say its type, and that type must allow a string")
    func secretSiblings() {
        #expect(F.documentViolations(#"{"properties":{"k":{"x-classification":"secret"}}}"#) == [])
        #expect(F.documentViolations(#"{"properties":{"k":{"type":"string","x-classification":"secret"}}}"#) == [])
        let violations = F.documentViolations(
            #"{"properties":{"k":{"type":"integer","minLength":16,"x-classification":"secret"}}}"#)
        #expect(violations.map(\.path) == ["#/properties/k/minLength", "#/properties/k/type"])
    }

    @Test("schema pointers escape / and ~ per RFC 6901")
    func pointerEscaping() {
        let violations = F.documentViolations(#"{"properties":{"k":{"properties":{"a/b~c":{"minimum":"3"}}}}}"#)
        #expect(violations.map(\.path) == ["#/properties/k/properties/a~1b~0c/minimum"])
    }

    @Test("nesting deeper than the limit is refused")
    func depthLimit() {
        func nested(_ depth: Int) -> String {
            String(repeating: #"{"items":"#, count: depth) + "{}" + String(repeating: "}", count: depth)
        }
        // The top level is depth 0 and `properties/k` depth 1, so k's schema can nest 31 more levels.
        #expect(F.documentViolations(#"{"properties":{"k":"# + nested(SchemaCompiler.maximumDepth - 1) + "}}") == [])
        let violations = F.documentViolations(#"{"properties":{"k":"# + nested(SchemaCompiler.maximumDepth) + "}}")
        #expect(violations.count == 1)
        #expect(violations.first?.path.hasSuffix("/items") == true)
        #expect(violations.first?.message.contains("32 levels") == true)
    }

    @Test("more subschemas than the limit are refused, once")
    func nodeLimit() {
        let fits = (0..<(SchemaCompiler.maximumNodes - 1)).map { #""k\#($0)":{}"# }.joined(separator: ",")
        #expect(F.documentViolations(#"{"properties":{"# + fits + "}}") == [])
        let tooMany = (0..<(SchemaCompiler.maximumNodes + 10)).map { #""k\#($0)":{}"# }.joined(separator: ",")
        let violations = F.documentViolations(#"{"properties":{"# + tooMany + "}}")
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("more than \(SchemaCompiler.maximumNodes) subschemas") == true)
    }

    @Test("patterns longer than 1,000 code points are refused")
    func patternLength() {
        let fits = String(repeating: "é", count: SchemaCompiler.maximumPatternLength)
        #expect(F.documentViolations(#"{"properties":{"k":{"pattern":""# + fits + #""}}}"#) == [])
        let tooLong = fits + "a"
        #expect(F.documentViolations(#"{"properties":{"k":{"pattern":""# + tooLong + #""}}}"#).count == 1)
    }

    @Test("schemas are equal when their documents are")
    func equality() throws {
        let first = try ConfigSchema(document: F.json(#"{"properties":{"a":{"pattern":"x"},"b":{}}}"#))
        let second = try ConfigSchema(document: F.json(#"{"properties":{"b":{},"a":{"pattern":"x"}}}"#))
        let third = try ConfigSchema(document: F.json(#"{"properties":{"a":{"pattern":"y"}}}"#))
        #expect(first == second)
        #expect(first != third)
    }
}
