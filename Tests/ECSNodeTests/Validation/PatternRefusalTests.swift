import Testing

@testable import ECSNode

/// Patterns refused when a schema is stored, each named with where it is.
@Suite("Pattern refusals")
struct PatternRefusalTests {
    typealias Kind = PatternSyntaxError.Kind

    /// Each pattern with the refusal and the 1-based code point position it reports. V8 with the
    /// `u` flag also rejects all of them except backreferences, lookaround, property escapes,
    /// bounds over 1,000, `(?i:…)` (ES2025) and the same group name in two alternatives (ES2025).
    static let cases: [(pattern: String, kind: Kind, position: Int)] = [
        (#"(a)\1"#, .backreference(#"\1"#), 4),
        (#"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10"#, .backreference(#"\10"#), 31),
        (#"(?<name>a)\k<name>"#, .backreference(#"\k<name>"#), 11),
        (#"(?=a)"#, .lookaround(#"(?="#), 1),
        (#"a(?!b)"#, .lookaround(#"(?!"#), 2),
        (#"(?<=a)b"#, .lookaround(#"(?<="#), 1),
        (#"(?<!a)b"#, .lookaround(#"(?<!"#), 1),
        (#"\p{L}"#, .propertyEscape(#"\p{L}"#), 1),
        (#"x\P{Lu}"#, .propertyEscape(#"\P{Lu}"#), 2),
        (#"[a\p{Script=Greek}]"#, .propertyEscape(#"\p{Script=Greek}"#), 3),
        (#"a{1001}"#, .repetitionTooLarge(#"{1001}"#), 2),
        (#"a{0,1001}"#, .repetitionTooLarge(#"{0,1001}"#), 2),
        (#"a{1001,}"#, .repetitionTooLarge(#"{1001,}"#), 2),
        (#"a{99999999999999999999999}"#, .repetitionTooLarge(#"{99999999999999999999999}"#), 2),
        (#"a{2,1}"#, .boundsOutOfOrder(#"{2,1}"#), 2),
        (#"(?i)a"#, .unsupportedGroup(#"(?i"#), 1),
        (#"(?i:a)"#, .unsupportedGroup(#"(?i"#), 1),
        (#"(?P<n>a)"#, .unsupportedGroup(#"(?P"#), 1),
        (#"(?"#, .unsupportedGroup(#"(?"#), 1),
        (#"(?<1x>a)"#, .invalidGroupName(#"<1x>"#), 1),
        (#"(?<a"#, .invalidGroupName(#"<a"#), 1),
        (#"(?<a>x)|(?<a>y)"#, .duplicateGroupName(#"<a>"#), 9),
        (#"(?<a>x)(?<a>y)"#, .duplicateGroupName(#"<a>"#), 8),
        (#"\a"#, .invalidEscape(#"\a"#), 1),
        (#"x\z"#, .invalidEscape(#"\z"#), 2),
        (#"\01"#, .invalidEscape(#"\01"#), 1),
        (#"[\1]"#, .invalidEscape(#"\1"#), 2),
        (#"[\B]"#, .invalidEscape(#"\B"#), 2),
        (#"[\k]"#, .invalidEscape(#"\k"#), 2),
        (#"\k"#, .invalidEscape(#"\k"#), 1),
        (#"\x4"#, .invalidEscape(#"\x4"#), 1),
        (#"\xg0"#, .invalidEscape(#"\x"#), 1),
        (#"\u12"#, .invalidEscape(#"\u12"#), 1),
        (#"\u{}"#, .invalidEscape(#"\u{"#), 1),
        (#"\u{110000}"#, .invalidEscape(#"\u{110000}"#), 1),
        (#"\c1"#, .invalidEscape(#"\c"#), 1),
        (#"abc\"#, .invalidEscape(#"\"#), 4),
        ("\\\u{E9}", .invalidEscape("\\\u{E9}"), 1),
        (#"*a"#, .nothingToRepeat(#"*"#), 1),
        (#"a|+"#, .nothingToRepeat(#"+"#), 3),
        (#"a**"#, .nothingToRepeat(#"*"#), 3),
        (#"a{2}{3}"#, .nothingToRepeat(#"{3}"#), 5),
        (#"^*"#, .nothingToRepeat(#"*"#), 2),
        (#"a$?"#, .nothingToRepeat(#"?"#), 3),
        (#"\b+"#, .nothingToRepeat(#"+"#), 3),
        (#"\B{2}"#, .nothingToRepeat(#"{2}"#), 3),
        (#"a???"#, .nothingToRepeat(#"?"#), 4),
        (#"{2}"#, .nothingToRepeat(#"{2}"#), 1),
        (#"(*)"#, .nothingToRepeat(#"*"#), 2),
        (#"a{"#, .unescaped(#"{"#), 2),
        (#"a{,5}"#, .unescaped(#"{"#), 2),
        (#"a{1,2"#, .unescaped(#"{"#), 2),
        (#"{"#, .unescaped(#"{"#), 1),
        (#"a}"#, .unescaped(#"}"#), 2),
        (#"]"#, .unescaped(#"]"#), 1),
        (#"[[:alpha:]]"#, .unescaped(#"]"#), 11),
        (#"[z-a]"#, .rangeOutOfOrder(#"z-a"#), 2),
        (#"[\u00ff-\u00e0]"#, .rangeOutOfOrder(#"\u00ff-\u00e0"#), 2),
        (#"[\d-z]"#, .rangeOfClass(#"\d-z"#), 2),
        (#"[a-\w]"#, .rangeOfClass(#"a-\w"#), 2),
        (#"(a"#, .unclosedGroup, 1),
        (#"(a|(b)"#, .unclosedGroup, 1),
        (#"a)"#, .unopenedGroup, 2),
        (#"(a))"#, .unopenedGroup, 4),
        (#"[a"#, .unclosedClass, 1),
        (#"[a-"#, .unclosedClass, 1),
        (#"[\"#, .invalidEscape(#"\"#), 2),
    ]

    @Test("invalid and unsupported syntax is refused with what and where", arguments: cases)
    func refused(pattern: String, kind: Kind, position: Int) {
        #expect(throws: PatternSyntaxError(kind: kind, position: position)) { try CompiledPattern(pattern) }
    }

    @Test("a program over 10,000 instructions is refused, naming the outermost repetition")
    func programSize() throws {
        _ = try CompiledPattern("(a{1000}){10}")
        #expect(throws: PatternSyntaxError(kind: .programTooLarge, position: 10)) {
            try CompiledPattern("(a{1000}){11}")
        }
        #expect(throws: PatternSyntaxError(kind: .programTooLarge, position: 18)) {
            try CompiledPattern("((a{1000}){1000}){1000}")
        }
        // Ten fit; the eleventh, at character 72, is the one that does not.
        #expect(throws: PatternSyntaxError(kind: .programTooLarge, position: 72)) {
            try CompiledPattern(String(repeating: "a{1000}", count: 11))
        }
        let alternatives = Array(repeating: "ab", count: 3_400).joined(separator: "|")
        #expect(throws: PatternSyntaxError(kind: .programTooLarge, position: nil)) {
            try CompiledPattern(alternatives)
        }
    }

    @Test("groups nest at most 32 deep")
    func nesting() throws {
        let deepest = String(repeating: "(", count: 32) + "a" + String(repeating: ")*", count: 32)
        #expect(try CompiledPattern(deepest).occurs(in: "a"))
        let deeper = String(repeating: "(?:", count: 33) + "a" + String(repeating: ")", count: 33)
        #expect(throws: PatternSyntaxError(kind: .nestedTooDeeply, position: 97)) { try CompiledPattern(deeper) }
    }

    @Test("the message names the construct, its position and why")
    func messages() {
        let messages = [
            #"(a)\1"#: #"the backreference \1 at character 4 is not supported: ECS matches patterns in linear time, "#
                + "which rules it out",
            "x(?<=a)": "the lookbehind (?<= at character 2 is not supported: ECS matches patterns in linear time, "
                + "which rules it out",
            #"\p{L}"#: #"the Unicode property escape \p{L} at character 1 is not supported: its meaning changes "#
                + #"with the Unicode version; list the ranges instead, such as [\u00C0-\u024F]"#,
            "a{2000}": "the quantifier {2000} at character 2 repeats more than 1000 times",
            "(a{1000}){11}": "the repetition at character 10 expands to more than 10000 instructions; repeat less, "
                + "or nest fewer counted repetitions",
            "a\\": #"the pattern ends with a lone \ at character 2"#,
            "[[:alpha:]]": #"the ] at character 11 must be escaped as \]"#,
        ]
        for (pattern, message) in messages {
            #expect(refusal(of: pattern)?.description == message)
        }
    }

    private func refusal(of pattern: String) -> PatternSyntaxError? {
        do throws(PatternSyntaxError) {
            _ = try CompiledPattern(pattern)
            return nil
        } catch {
            return error
        }
    }

    @Test("a refused pattern is a schema.document violation at the pattern keyword")
    func inSchema() {
        let violations = Fixture.documentViolations(#"{"properties":{"k":{"pattern":"(x+)\\1"}}}"#)
        #expect(violations.map(\.code) == ["schema.document"])
        #expect(violations.map(\.path) == ["#/properties/k/pattern"])
        #expect(
            violations.first?.message
                == #"pattern is not a regular expression ECS can run: the backreference \1 at character 5 "#
                + "is not supported: ECS matches patterns in linear time, which rules it out.")
    }
}
