/// Running a program over a text: Thompson's simulation of the NFA, one code point at a time.
extension PatternProgram {
    /// Whether the pattern matches somewhere in `text` (an unanchored search, as JSON Schema's
    /// `pattern` asks), with no limit on the steps spent.
    func occurs(in text: String) -> Bool {
        var budget = PatternBudget.unlimited
        return search(in: text, budget: &budget) == .found
    }

    /// Whether the pattern matches somewhere in `text`, spending one step of `budget` per live
    /// thread per code point; `.budgetExhausted` when the budget runs out first.
    ///
    /// Each code point is read once and moves each live thread once, so the time is at most
    /// proportional to the text's length times the program's size, whatever the pattern: there
    /// is no backtracking to blow up. A new thread starts at every position, which is what makes
    /// the search unanchored.
    func search(in text: String, budget: inout PatternBudget) -> PatternSearchResult {
        var current = PatternThreads(instructions)
        var next = PatternThreads(instructions)
        var scalars = text.unicodeScalars.makeIterator()
        var before: UInt32?
        var after = scalars.next()?.value
        while true {
            if current.add(0, between: before, and: after) { return .found }
            guard let scalar = after else { return .notFound }
            guard budget.spend(current.count) else { return .budgetExhausted }
            let following = scalars.next()?.value
            next.removeAll()
            for position in 0..<current.count {
                let index = current[position]
                guard case .scalars(let set) = instructions[index], sets[set].contains(scalar) else { continue }
                if next.add(index + 1, between: scalar, and: following) { return .found }
            }
            swap(&current, &next)
            before = scalar
            after = following
        }
    }
}
