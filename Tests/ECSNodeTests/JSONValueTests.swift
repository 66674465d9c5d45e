import Testing

@testable import ECSNode

@Suite("JSONValue: parsing and RFC 8785 canonical form")
struct JSONValueTests {
    @Test("object members are sorted and whitespace dropped")
    func sortedMembers() throws {
        let value = try JSONValue.parse(Array(#"{ "b": [1, 2, {"z": true, "a": null}], "a": "x" }"#.utf8))
        #expect(value.canonicalString == #"{"a":"x","b":[1,2,{"a":null,"z":true}]}"#)
    }

    @Test("any value is a document, not only objects")
    func fragments() throws {
        #expect(try JSONValue.parse(Array("3".utf8)) == .integer(3))
        #expect(try JSONValue.parse(Array("null".utf8)) == .null)
        #expect(try JSONValue.parse(Array(#""hi""#.utf8)) == .string("hi"))
        #expect(try JSONValue.parse(Array("false".utf8)) == .bool(false))
    }

    @Test(
        "anything but strict JSON is a parse error",
        arguments: [
            "", " ", "{", "{\"a\":}", "nope", "[1,]", "{\"a\":1,}", "1 2", "01", "1.", ".5", "+1", "-", "1e", "NaN",
            "'x'", "// c\n1", "[1] x", #""\ud800""#, #""\udc00x""#, #""\x""#, "\"tab\there\"", #"{"a":1,"a":2}"#,
            "1e400", "{1:2}", #""\u12G4""#, "tru", "nul",
        ])
    func invalid(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test("invalid UTF-8 and hostile nesting are refused")
    func hostileInput() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONValue.parse(Array(fine.utf8)) }
    }

    @Test("escapes decode, surrogate pairs included")
    func escapes() throws {
        let value = try JSONValue.parse(Array(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#.utf8))
        #expect(value == .string("a\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(try JSONValue.parse(Array(" \r\n\t{ } ".utf8)) == .object([:]))
    }

    @Test(
        "numbers are written as ECMAScript writes them",
        arguments: [
            ("3.0", "3"), ("-0", "0"), ("1.5", "1.5"), ("1e21", "1e+21"), ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"), ("1e-7", "1e-7"), ("123.456e-2", "1.23456"), ("-2.5E+3", "-2500"),
            ("9007199254740993", "9007199254740993"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("5e-324", "5e-324"), ("0.1", "0.1"), ("1.5e300", "1.5e+300"), ("-1e-7", "-1e-7"),
        ])
    func numbers(input: String, expected: String) throws {
        #expect(try JSONValue.parse(Array(input.utf8)).canonicalString == expected)
    }

    @Test("strings escape only what JSON requires")
    func strings() {
        let value = JSONValue.string("q\"b\\n\n\t\u{1}é/€")
        #expect(value.canonicalString == #""q\"b\\n\n\t\u0001é/€""#)
    }

    @Test("members sort by UTF-16 code units")
    func utf16Order() {
        let value: JSONValue = ["\u{10000}": 1, "\u{FB33}": 2, "a": 3]
        // U+10000 is the surrogate pair D800 DC00, which sorts before U+FB33.
        #expect(value.canonicalString == "{\"a\":3,\"\u{10000}\":1,\"\u{FB33}\":2}")
    }

    @Test("the byte-wise member order equals UTF-16 order on random names from every plane")
    func utf16OrderMatchesReference() {
        let alphabet: [Character] = [
            "a", "b", "é", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FB33}", "\u{FFFF}",
            "\u{10000}", "\u{1F600}", "\u{10FFFF}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let a = String(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let b = String(
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(JSONValue.precedesInUTF16(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16), "\(a) vs \(b)")
        }
    }

    @Test("a value survives storage as canonical bytes")
    func roundTrip() throws {
        let value: JSONValue = ["list": [1, 2.5, "x", .null, true], "nested": ["k": ["deep": -7]]]
        #expect(try JSONValue.parse(value.canonicalBytes) == value)
    }
}
