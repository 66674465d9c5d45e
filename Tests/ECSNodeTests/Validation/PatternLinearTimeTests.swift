import Testing

@testable import ECSNode

/// Patterns that take a backtracking engine exponential time finish here in one pass over the
/// text. The texts are long enough that a backtracking engine would never finish (`(x+x+)+y`
/// took 13 s on 18 characters with Swift's `Regex`); the time is printed, not asserted, since
/// the test machine's speed is not the point.
@Suite("Pattern linear time")
struct PatternLinearTimeTests {
    static let length = 20_000

    @Test(
        "ambiguous nested quantifiers run in linear time",
        arguments: [
            ("(x+x+)+y", String(repeating: "x", count: PatternLinearTimeTests.length)),
            ("(a|a)*b", String(repeating: "a", count: PatternLinearTimeTests.length)),
            ("(a*)*b", String(repeating: "a", count: PatternLinearTimeTests.length)),
            ("^(a+)+$", String(repeating: "a", count: PatternLinearTimeTests.length) + "!"),
            ("^(\\w+\\s?)*$", String(repeating: "word ", count: PatternLinearTimeTests.length / 5) + "!"),
            (
                "(.*a){20}",
                String(repeating: "a", count: 19) + String(repeating: "b", count: PatternLinearTimeTests.length)
            ),
        ])
    func pathological(pattern: String, text: String) throws {
        let compiled = try CompiledPattern(pattern)
        var found = true
        let elapsed = ContinuousClock().measure { found = compiled.occurs(in: text) }
        #expect(!found)
        print("\(pattern) on \(text.unicodeScalars.count) code points: no match in \(elapsed)")
    }

    /// The other factor of the cost: every position can touch every instruction. Here 2,000
    /// alternatives all start at each `a`, so the cost per code point is near the program's cap.
    @Test("a program near the instruction cap costs time proportional to its size, per code point")
    func largeProgram() throws {
        let alternatives = Array(repeating: "ab", count: 2_000).joined(separator: "|")
        let compiled = try CompiledPattern("(?:" + alternatives + ")c")
        let text = String(repeating: "a", count: 500)
        var found = true
        let elapsed = ContinuousClock().measure { found = compiled.occurs(in: text) }
        #expect(!found)
        print("2,000 alternatives (8,000 instructions) on 500 code points: no match in \(elapsed)")
    }

    @Test("a tenant's pathological pattern is checked on write without stalling")
    func throughTheSchema() throws {
        let text = JSONValue.string(String(repeating: "x", count: Self.length))
        var codes: [String] = []
        let elapsed = try ContinuousClock().measure {
            codes = try Fixture.codes(of: text, property: #"{"pattern":"(x+x+)+y"}"#)
        }
        #expect(codes == ["schema.pattern"])
        print("schema pattern (x+x+)+y on \(Self.length) code points: checked in \(elapsed)")
    }
}
