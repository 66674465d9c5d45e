/// Why a pattern is refused when its schema is stored, and where: the message a schema author
/// reads in a `schema.document` violation.
///
/// Some constructs are valid ECMA-262 but refused on purpose: those that no linear-time matcher
/// can run (backreferences, lookaround), those whose meaning depends on Unicode tables that
/// change between releases (property escapes), and repetitions that would blow the program up.
struct PatternSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        // Valid ECMA-262, refused on purpose.
        /// `\1`, `\k<name>`.
        case backreference(String)
        /// `(?=`, `(?!`, `(?<=`, `(?<!`.
        case lookaround(String)
        /// `\p{…}`, `\P{…}`.
        case propertyEscape(String)
        /// `{n}`, `{n,}` or `{n,m}` with a bound above `PatternParser.maximumRepetition`.
        case repetitionTooLarge(String)
        /// More than `PatternProgram.maximumInstructions` instructions once repetitions are
        /// expanded.
        case programTooLarge
        /// Groups nested deeper than `PatternParser.maximumGroupDepth`.
        case nestedTooDeeply
        // Not valid ECMA-262 (with the `u` flag), or not supported here.
        /// `(?` followed by anything but `:`, `<name>`, or a lookaround: `(?i)`, `(?P<x>`…
        case unsupportedGroup(String)
        /// An escape ECMA-262 does not define (`\a`, `\z`), a malformed one (`\x4`, `\u{110000}`),
        /// an octal one (`\01`), or a lone `\` at the end.
        case invalidEscape(String)
        /// A quantifier after nothing, after another quantifier, or after `^`, `$`, `\b`, `\B`.
        case nothingToRepeat(String)
        /// `]`, `{` or `}` outside a class and not part of a quantifier.
        case unescaped(String)
        /// `{n,m}` with `m < n`.
        case boundsOutOfOrder(String)
        /// `z-a` in a class.
        case rangeOutOfOrder(String)
        /// `\d-z` in a class: a range needs a single code point at each end.
        case rangeOfClass(String)
        case unclosedGroup
        case unopenedGroup
        case unclosedClass
        /// `(?<1x>`: names are ASCII identifiers here.
        case invalidGroupName(String)
        case duplicateGroupName(String)
    }

    let kind: Kind
    /// Where the construct starts, counting code points from 1; `nil` when the problem is the
    /// pattern as a whole.
    let position: Int?

    var description: String {
        let at = position.map { " at character \($0)" } ?? ""
        let linear = "ECS matches patterns in linear time, which rules it out"
        switch kind {
        case .backreference(let text):
            return "the backreference \(text)\(at) is not supported: \(linear)"
        case .lookaround(let text):
            let direction = text.hasPrefix("(?<") ? "lookbehind" : "lookahead"
            return "the \(direction) \(text)\(at) is not supported: \(linear)"
        case .propertyEscape(let text):
            return "the Unicode property escape \(text)\(at) is not supported: its meaning changes with the "
                + "Unicode version; list the ranges instead, such as [\\u00C0-\\u024F]"
        case .repetitionTooLarge(let text):
            return "the quantifier \(text)\(at) repeats more than \(PatternParser.maximumRepetition) times"
        case .programTooLarge:
            let limit = PatternProgram.maximumInstructions
            let cause = position == nil ? "the pattern" : "the repetition\(at)"
            return "\(cause) expands to more than \(limit) instructions; repeat less, or nest fewer counted repetitions"
        case .nestedTooDeeply:
            return "the group\(at) is nested more than \(PatternParser.maximumGroupDepth) groups deep"
        case .unsupportedGroup(let text):
            return "the group syntax \(text)\(at) is not supported; use ( … ), (?: … ) or (?<name> … )"
        case .invalidEscape("\\"):
            return "the pattern ends with a lone \\\(at)"
        case .invalidEscape(let text):
            return "the escape \(text)\(at) is not valid in an ECMA-262 pattern"
        case .nothingToRepeat(let text):
            return "the quantifier \(text)\(at) has nothing to repeat"
        case .unescaped(let text):
            return "the \(text)\(at) must be escaped as \\\(text)"
        case .boundsOutOfOrder(let text):
            return "the quantifier \(text)\(at) has its bounds out of order"
        case .rangeOutOfOrder(let text):
            return "the range \(text)\(at) is out of order"
        case .rangeOfClass(let text):
            return "the range \(text)\(at) has a class escape at one end"
        case .unclosedGroup:
            return "the group opened\(at) is not closed"
        case .unopenedGroup:
            return "the )\(at) closes no group"
        case .unclosedClass:
            return "the character class opened\(at) is not closed"
        case .invalidGroupName(let text):
            return "the group name \(text)\(at) must be an ASCII identifier (letters, digits, _ and $)"
        case .duplicateGroupName(let text):
            return "the group name \(text)\(at) is used twice"
        }
    }
}
