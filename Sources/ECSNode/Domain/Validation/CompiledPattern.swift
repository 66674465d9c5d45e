/// A regular expression compiled once and shared: a schema's `pattern` keywords and the secret
/// guard's detectors.
///
/// Patterns are matched in time linear in the text's length (`PatternProgram.occurs(in:)`),
/// never by backtracking: a schema's `pattern` is written by a tenant and evaluated while
/// applying replicated writes on every node, so a pattern such as `(x+x+)+y`, which takes a
/// backtracking engine exponential time, must not be able to stall the cluster.
///
/// The syntax is the subset of ECMA-262 (with the `u` flag) that such a matcher can run:
/// - literals, and escapes `\t \n \v \f \r \0 \cX \xHH \uHHHH \u{H…}` (a surrogate pair of
///   `\uHHHH` is one code point) and `\` before any ASCII punctuation;
/// - `.` (anything but a line terminator), classes `[a-z_-]` and `[^…]`, `\d \D \w \W \s \S`;
/// - `^ $ \b \B`; groups `( … )`, `(?: … )`, `(?<name> … )` (ASCII names, each used once),
///   nested up to 32 deep; alternation `|`;
/// - quantifiers `* + ? {n} {n,} {n,m}`, lazy or not (the same for a yes/no search), with bounds
///   up to 1,000.
///
/// Refused, with a `PatternSyntaxError` naming the construct and where it is: backreferences,
/// lookahead and lookbehind, Unicode property escapes `\p{…}`, other `(?…)` groups such as
/// inline flags, programs over `PatternProgram.maximumInstructions` instructions, and anything
/// ECMA-262 itself rejects with the `u` flag (a lone `{`, `}` or `]`, `\a`, `\1` in a class…).
///
/// Semantics: code points are matched one at a time (not UTF-16 units, not grapheme clusters),
/// as `minLength` and `maxLength` count them. `\d`, `\w` and `\b` are ASCII-only and `\s` is
/// ECMA-262's fixed list of spaces, as in ECMA-262; none of them consult Unicode tables, so all
/// nodes agree on a match whatever Unicode version their standard library has.
struct CompiledPattern: Sendable {
    /// Matching options, for the secret guard's own patterns; a schema's `pattern` has none.
    struct Options: OptionSet, Sendable {
        let rawValue: UInt8
        /// Letters match in either ASCII case (only ASCII: see `ScalarSet.addingASCIICaseVariants`).
        static let ignoresASCIICase = Options(rawValue: 1 << 0)
        /// `^` and `$` also match after and before each line terminator, like ECMA-262's `m` flag.
        static let multiline = Options(rawValue: 1 << 1)
    }

    private let program: PatternProgram

    /// Compiles `source`; throws when it uses syntax that is invalid or refused.
    init(_ source: String, options: Options = []) throws(PatternSyntaxError) {
        self.program = try PatternProgram(PatternParser.parse(source, options: options))
    }

    /// The size of the compiled program, which is what a match costs per code point at worst
    /// (and roughly the memory it holds).
    var instructionCount: Int { program.instructions.count }

    /// Whether the pattern matches somewhere in `text` (an unanchored search).
    func occurs(in text: String) -> Bool {
        program.occurs(in: text)
    }

    /// Whether the pattern matches somewhere in `text`, within `budget` (see `PatternBudget`).
    func search(in text: String, budget: inout PatternBudget) -> PatternSearchResult {
        program.search(in: text, budget: &budget)
    }
}
