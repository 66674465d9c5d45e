/// A parsed pattern, before `PatternProgram` lowers it to instructions.
///
/// Groups leave no node of their own: nothing is captured, since a search only answers whether
/// the pattern occurs. For the same reason lazy quantifiers are plain repetitions.
indirect enum PatternNode: Sendable {
    /// Matches the empty string: `()`, an empty alternative, `x{0}`.
    case empty
    /// One code point from the set: a literal, `.`, `\d`, `[a-z]`…
    case scalars(ScalarSet)
    case assertion(PatternAssertion)
    case concatenation([PatternNode])
    case alternation([PatternNode])
    /// `node` at least `minimum` times and at most `maximum` (`nil`: unbounded) times. `position`
    /// is where the quantifier is written, to name it when the program grows too large.
    case repetition(PatternNode, minimum: Int, maximum: Int?, position: Int)
}

/// A zero-width test of the code points on either side of the current position.
enum PatternAssertion: Sendable {
    /// `^`: the start of the text, or of any line when `multiline`.
    case lineStart(multiline: Bool)
    /// `$`: the end of the text, or of any line when `multiline`.
    case lineEnd(multiline: Bool)
    /// `\b`, or `\B` when `false`: whether exactly one side is an ASCII word character.
    case wordBoundary(Bool)

    /// Whether the assertion holds between `before` and `after` (`nil`: the text's start or end).
    func holds(between before: UInt32?, and after: UInt32?) -> Bool {
        switch self {
        case .lineStart(let multiline):
            guard let before else { return true }
            return multiline && ScalarSet.lineTerminator.contains(before)
        case .lineEnd(let multiline):
            guard let after else { return true }
            return multiline && ScalarSet.lineTerminator.contains(after)
        case .wordBoundary(let expected):
            let wordBefore = before.map(ScalarSet.word.contains) ?? false
            let wordAfter = after.map(ScalarSet.word.contains) ?? false
            return (wordBefore != wordAfter) == expected
        }
    }
}
