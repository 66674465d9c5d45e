import Testing

@testable import ECSNode

/// What `CompiledPattern` matches: JSON Schema's `pattern`, an unanchored ECMA-262 search, by
/// code point.
@Suite("Pattern matching")
struct PatternMatchTests {
    /// Each row agrees with V8's `new RegExp(pattern, "u").test(text)` (Node 20), except the
    /// `\-\:\@\#\"` row, checked without the `u` flag, which refuses those identity escapes.
    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        (#"abc"#, "xxabcxx", true),
        (#"abc"#, "ab", false),
        (#""#, "", true),
        (#""#, "anything", true),
        (#"a.c"#, "abc", true),
        (#"a.c"#, "a\nc", false),
        (#"a.c"#, "a\rc", false),
        (#"a.c"#, "a\u{2028}c", false),
        (#"a.c"#, "a\u{85}c", true),
        (#"^.$"#, "\u{1F600}", true),
        (#"^..$"#, "\u{1F600}", false),
        (#"^.$"#, "\u{E9}", true),
        (#"^.$"#, "e\u{301}", false),
        (#"^\.$"#, ".", true),
        (#"^\.$"#, "a", false),
        (#"a\/b"#, "a/b", true),
        (#"\\"#, "a\\b", true),
        (#"\n"#, "a\nb", true),
        (#"\t"#, "a\tb", true),
        (#"^\u00e9$"#, "\u{E9}", true),
        (#"^\u00E9$"#, "\u{C9}", false),
        (#"^\u{1F600}$"#, "\u{1F600}", true),
        (#"^\uD83D\uDE00$"#, "\u{1F600}", true),
        (#"^\x41$"#, "A", true),
        (#"^\cJ$"#, "\n", true),
        (#"^\cj$"#, "\n", true),
        (#"^\0$"#, "\u{0}", true),
        (#"^\v\f\r$"#, "\u{B}\u{C}\r", true),
        (#"^\*\+\?\(\)\[\]\{\}\|\^\$$"#, "*+?()[]{}|^$", true),
        (##"^\-\:\@\#\"$"##, "-:@#\"", true),
        (#"^[a-z0-9_-]+$"#, "db-pool_1", true),
        (#"^[a-z0-9_-]+$"#, "db.pool", false),
        (#"^[^a-z]+$"#, "ABC", true),
        (#"^[^a-z]+$"#, "AbC", false),
        (#"[-a]"#, "-", true),
        (#"[a-]"#, "-", true),
        (#"^[--/]+$"#, "-./", true),
        (#"^[\d.]+$"#, "1.2.3", true),
        (#"^[\w-]+$"#, "a-b", true),
        (#"^[\b]$"#, "\u{8}", true),
        (#"^[\s]$"#, "\u{A0}", true),
        (#"[]"#, "a", false),
        (#"[^]"#, "\n", true),
        (#"^[\u00e0-\u00ff]$"#, "\u{E9}", true),
        (#"[\]]"#, "]", true),
        (#"[.]"#, "a", false),
        ("^[\u{1F600}-\u{1F602}]$", "\u{1F601}", true),
        (#"^[\-\]\\]+$"#, "-]\\", true),
        (#"^[[]$"#, "[", true),
        (#"^[^\d\s]+$"#, "ab", true),
        (#"^[^\d\s]+$"#, "a b", false),
        (#"^\d+$"#, "0123456789", true),
        (#"\d"#, "\u{663}", false),
        (#"^\D$"#, "\u{663}", true),
        (#"^\w+$"#, "snake_Case9", true),
        (#"\w"#, "\u{E9}", false),
        (#"^\W$"#, "\u{E9}", true),
        (#"^\s$"#, " ", true),
        (#"^\s$"#, "\u{3000}", true),
        (#"^\s$"#, "\u{FEFF}", true),
        (#"^\s$"#, "\u{2029}", true),
        (#"\s"#, "\u{85}", false),
        (#"\s"#, "\u{200B}", false),
        (#"^\S+$"#, "a\u{A0}b", false),
        (#"^\S+$"#, "a-b", true),
        (#"^ab"#, "abc", true),
        (#"^ab"#, "cab", false),
        (#"ab$"#, "cab", true),
        (#"ab$"#, "ab\n", false),
        (#"^ab"#, "x\nab", false),
        (#"^$"#, "", true),
        (#"^$"#, "\n", false),
        (#"a^b"#, "ab", false),
        (#"x|^$"#, "", true),
        (#"\bcat\b"#, "a cat!", true),
        (#"\bcat\b"#, "concat", false),
        (#"\Bcat"#, "concat", true),
        (#"\Bcat"#, "cat", false),
        ("\\b\u{E9}", "\u{E9}", false),
        (#"\b"#, "", false),
        (#"\B"#, "", true),
        (#"^\b_"#, "_x", true),
        (#"^(ab)+$"#, "ababab", true),
        (#"^(ab)+$"#, "ababa", false),
        (#"^(?:ab|cd)*$"#, "abcdab", true),
        (#"^(?<year>\d{4})-(?<month>\d{2})$"#, "2024-05", true),
        (#"^(a|)$"#, "", true),
        (#"^(|a)+$"#, "aaa", true),
        (#"cat|dog"#, "hotdog", true),
        (#"^(cat|dog)$"#, "cats", false),
        (#"a(b|c)d"#, "acd", true),
        (#"^()$"#, "", true),
        (#"^a*$"#, "", true),
        (#"^a+$"#, "", false),
        (#"^ab?c$"#, "ac", true),
        (#"^ab?c$"#, "abbc", false),
        (#"^a{3}$"#, "aaa", true),
        (#"^a{3}$"#, "aaaa", false),
        (#"^a{2,}$"#, "a", false),
        (#"^a{2,}$"#, "aaaaa", true),
        (#"^a{0,}$"#, "", true),
        (#"^a{1,}$"#, "a", true),
        (#"^a{2,3}$"#, "aaaa", false),
        (#"^a{2,3}$"#, "aa", true),
        (#"^a{0}$"#, "", true),
        (#"^a{0,0}b$"#, "b", true),
        (#"^a*?b+?c??$"#, "aabbc", true),
        (#"^a{2,3}?$"#, "aaa", true),
        (#"^(a{2}){2}$"#, "aaaa", true),
        (#"^(a{2}){2}$"#, "aaa", false),
        (#"^(a*)*b$"#, "aaab", true),
        (#"^(a*)*b$"#, "aaa", false),
        (#"^(a|ab)(c|bcd)(d*)$"#, "abcd", true),
        (#"^(?:a?){3}a{3}$"#, "aaa", true),
        (#"^(^a|b)+$"#, "abb", true),
        (#"^(\b|x)+y"#, "xy", true),
        (#"(?:)*x"#, "x", true),
        (#"(?:$)*"#, "ab", true),
        (#"^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"#, "v1.2.3-rc.1", true),
        (#"^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"#, "v1.2", false),
        (#"^https?://[^\s/$.?#].[^\s]*$"#, "https://example.com/a", true),
        (#"^https?://[^\s/$.?#].[^\s]*$"#, "ftp://x.y", false),
        (#"^[A-Z]{2}-\d{4}$"#, "AB-1234", true),
        (#"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"#, "a.b@example.org", true),
        (#"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"#, "a b@example.org", false),
        (#"^(?:[01]?\d|2[0-3]):[0-5]\d$"#, "23:59", true),
        (#"^(?:[01]?\d|2[0-3]):[0-5]\d$"#, "24:00", false),
        (#"\uD800"#, "a\u{D7FF}", false),
    ]

    @Test("patterns match as ECMA-262 with the u flag does", arguments: cases)
    func matches(pattern: String, text: String, expected: Bool) throws {
        #expect(try CompiledPattern(pattern).occurs(in: text) == expected)
    }

    @Test("counted repetitions reach their bound of 1,000 exactly")
    func largestBound() throws {
        let exactly = try CompiledPattern("^a{1000}$")
        #expect(exactly.occurs(in: String(repeating: "a", count: 1_000)))
        #expect(!exactly.occurs(in: String(repeating: "a", count: 999)))
        #expect(!exactly.occurs(in: String(repeating: "a", count: 1_001)))
        let range = try CompiledPattern("^a{0,1000}$")
        #expect(range.occurs(in: ""))
        #expect(range.occurs(in: String(repeating: "a", count: 1_000)))
        #expect(!range.occurs(in: String(repeating: "a", count: 1_001)))
    }

    @Test("ignoring case folds ASCII letters only, and before a class is negated")
    func ignoringCase() throws {
        let options = CompiledPattern.Options.ignoresASCIICase
        #expect(try CompiledPattern("^abc$", options: options).occurs(in: "AbC"))
        #expect(try CompiledPattern(#"^\x41[b-c]$"#, options: options).occurs(in: "aB"))
        #expect(try !CompiledPattern("[^a]", options: options).occurs(in: "A"))
        #expect(try !CompiledPattern("é", options: options).occurs(in: "É"), "not ASCII")
        #expect(try !CompiledPattern("^abc$").occurs(in: "AbC"), "case matters by default")
    }

    @Test("multiline anchors also match at each line terminator")
    func multiline() throws {
        let options = CompiledPattern.Options.multiline
        #expect(try CompiledPattern("^b", options: options).occurs(in: "a\nb"))
        #expect(try CompiledPattern("a$", options: options).occurs(in: "a\r\nb"))
        #expect(try CompiledPattern("^b$", options: options).occurs(in: "a\u{2028}b"))
        #expect(try !CompiledPattern("^b", options: options).occurs(in: "ab"))
        #expect(try !CompiledPattern("^b").occurs(in: "a\nb"), "one line by default")
    }

    @Test("surrogates may be named but never match: Swift strings hold none")
    func surrogates() throws {
        #expect(try CompiledPattern(#"^[^\uD800-\uDFFF]+$"#).occurs(in: "a😀"))
        #expect(try !CompiledPattern(#"[\uD800-\uDFFF]"#).occurs(in: "a😀\u{FFFF}"))
        #expect(try !CompiledPattern(#"\uD83D"#).occurs(in: "😀"), "half a pair is not the pair")
    }
}
