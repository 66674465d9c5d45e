import Testing

@testable import ECSNode

/// The step budget that bounds what a write's patterns may cost.
@Suite("Pattern budget")
struct PatternBudgetTests {
    @Test("a search spends one step per live thread per code point, the same on every run")
    func deterministicSpending() throws {
        let pattern = try CompiledPattern("^[a-z]+$")
        var first = PatternBudget(steps: 1_000)
        var second = PatternBudget(steps: 1_000)
        #expect(pattern.search(in: "abcdef", budget: &first) == .found)
        #expect(pattern.search(in: "abcdef", budget: &second) == .found)
        #expect(first.remaining == second.remaining)
        #expect(first.remaining < 1_000 - 6, "at least one step per code point")
        var longer = PatternBudget(steps: 1_000)
        _ = pattern.search(in: "abcdefghijkl", budget: &longer)
        #expect(longer.remaining < first.remaining)
    }

    @Test("a search that would need more steps than are left stops and says so")
    func exhausted() throws {
        let pattern = try CompiledPattern("(?:a?){100}b")
        let text = String(repeating: "a", count: 10_000)
        var small = PatternBudget(steps: 5_000)
        #expect(pattern.search(in: text, budget: &small) == .budgetExhausted)
        #expect(small.remaining == 0)
        var spent = PatternBudget(steps: 0)
        #expect(pattern.search(in: "ab", budget: &spent) == .budgetExhausted)
        var enough = PatternBudget(steps: 10_000_000)
        #expect(pattern.search(in: text, budget: &enough) == .notFound)
        #expect(pattern.occurs(in: text + "b"))
    }

    @Test("an empty text costs nothing, and the budget is shared by the searches that spend it")
    func shared() throws {
        let pattern = try CompiledPattern("x")
        var budget = PatternBudget(steps: 10)
        #expect(pattern.search(in: "", budget: &budget) == .notFound)
        #expect(budget.remaining == 10)
        #expect(pattern.search(in: "aaaa", budget: &budget) == .notFound)
        #expect(pattern.search(in: "aaaa", budget: &budget) == .notFound)
        #expect(pattern.search(in: "aaaa", budget: &budget) == .budgetExhausted)
    }

    @Test("a schema's patterns together may compile to at most 100,000 instructions")
    func schemaInstructionCap() {
        // Each pattern is 1,000 instructions (999 copies of `a` and the final match): 100 fit,
        // the 101st does not.
        func document(patterns: Int) -> String {
            let properties = (0..<patterns).map { #""k\#($0)":{"pattern":"a{999}"}"# }.joined(separator: ",")
            return #"{"type":"object","properties":{"# + properties + "}}"
        }
        #expect(Fixture.documentViolations(document(patterns: 100)) == [])
        let violations = Fixture.documentViolations(document(patterns: 101))
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("more than 100000 instructions") == true)
    }
}
