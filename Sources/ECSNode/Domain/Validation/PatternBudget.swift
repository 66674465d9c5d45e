/// How much pattern matching one write may do, counted in steps: one step is one live thread of
/// a `PatternProgram` at one code point of the text.
///
/// Matching is linear (`PatternProgram.search(in:budget:)`), but linear in the text's length
/// times the program's size: a 1 MiB value against a pattern of thousands of instructions is
/// still billions of steps, run inside `apply` on every node. The budget turns that into a
/// refusal (`schema.pattern`) instead of a stall. The count depends only on the patterns and the
/// texts, never on a clock, so every node runs out at the same step and refuses the same write.
struct PatternBudget: Sendable {
    /// The steps one write (or one check of a set against a new schema) may spend: room for a
    /// 1 MiB value against an ordinary pattern (`^[a-z0-9.-]+$` keeps four threads alive per code
    /// point), far less than a pattern of thousands of instructions costs on a long value. In a
    /// debug build a step takes about half a microsecond; optimized builds are many times faster.
    static let perWrite = 5_000_000

    /// The steps left.
    private(set) var remaining: Int

    init(steps: Int = Self.perWrite) {
        remaining = steps
    }

    /// No limit: for the secret guard's own patterns, small programs whose cost the request size
    /// already bounds.
    static var unlimited: PatternBudget { PatternBudget(steps: .max) }

    /// Spends `steps`; `false`, spending nothing more, when fewer than that are left.
    mutating func spend(_ steps: Int) -> Bool {
        guard steps <= remaining else {
            remaining = 0
            return false
        }
        remaining -= steps
        return true
    }
}

/// The answer of a pattern search that runs on a budget.
enum PatternSearchResult: Equatable, Sendable {
    case found
    case notFound
    /// The budget ran out before the search could tell.
    case budgetExhausted
}
