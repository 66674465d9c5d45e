/// A regular expression compiled once and shared: a schema's `pattern` keywords and the secret
/// guard's detectors.
///
/// It matches with ECMA-262-like semantics, as JSON Schema asks: by Unicode scalar (code point),
/// not by grapheme cluster; `\d`, `\w` and `\b` are ASCII-only. Swift's `Regex` syntax is a
/// superset of ECMA-262's (it also takes inline options such as `(?i)`); lookbehind is not
/// supported and is refused when the pattern is compiled.
///
/// - Warning: `Regex` is a backtracking engine with no step or time limit. A pattern such as
///   `(x+x+)+y` takes exponential time on a string of `x`s (about 13 s for 18 of them), and a
///   schema's `pattern` is written by a tenant and evaluated while applying replicated writes,
///   on every node. The 1,000-character limit on patterns does not prevent this (ReDoS). The
///   secret guard's own patterns avoid nested ambiguous quantifiers.
///
/// `@unchecked Sendable`: `Regex` is not declared `Sendable` because its output type might not
/// be, but a regex with `AnyRegexOutput` holds only an immutable compiled program whose lazily
/// lowered form is published with an atomic compare-and-swap (`Regex.Program` in
/// swift-experimental-string-processing). Nothing mutates it after `init`; matching only reads it.
struct CompiledPattern: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws when its syntax is invalid or unsupported.
    init(_ source: String) throws {
        self.regex = try Regex<AnyRegexOutput>(source)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
            .wordBoundaryKind(.simple)
    }

    /// Whether the pattern matches somewhere in `text` (an unanchored search).
    func occurs(in text: String) -> Bool {
        text.contains(regex)
    }
}
