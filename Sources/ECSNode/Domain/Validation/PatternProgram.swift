/// A pattern lowered to the instructions of a Thompson NFA, which `occurs(in:)` simulates.
///
/// Repetitions are expanded (`x{2,4}` becomes `xx` and two optional `x`), so the number of
/// instructions is what a match costs per code point of text at worst; it is capped at
/// `maximumInstructions`, which a schema's pattern could otherwise multiply past any budget
/// with nested counted repetitions such as `((a{1000}){1000}){1000}`.
struct PatternProgram: Sendable {
    /// Most instructions in one program, counting every copy an expanded repetition makes (and
    /// not the final `match`).
    static let maximumInstructions = 10_000

    /// Plain values without references, so that reading one while matching costs no reference
    /// counting: the sets live apart, in `sets`.
    enum Instruction: Sendable {
        /// Consume one code point of `sets[index]` and go on to the next instruction.
        case scalars(Int)
        /// Go on to the next instruction only where the assertion holds.
        case assertion(PatternAssertion)
        /// Go on at both targets.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    /// The program; execution starts at index 0.
    let instructions: [Instruction]
    /// The distinct sets the `scalars` instructions consume from.
    let sets: [ScalarSet]

    init(_ node: PatternNode) throws(PatternSyntaxError) {
        var lowering = Lowering()
        try lowering.lower(node)
        self.instructions = lowering.instructions + [.match]
        self.sets = lowering.sets
    }

    /// Lowers nodes one after the other, refusing once the program grows past its cap.
    private struct Lowering {
        var instructions: [Instruction] = []
        var sets: [ScalarSet] = []
        /// Where each set is in `sets`: a pattern such as `[a-z]{100}` needs only one copy.
        private var setIndexes: [ScalarSet: Int] = [:]
        /// The positions of the repetitions being lowered, outermost first: the outermost one is
        /// named when the program grows too large, as the construct to shrink.
        private var repetitions: [Int] = []

        @discardableResult
        mutating func emit(_ instruction: Instruction) throws(PatternSyntaxError) -> Int {
            guard instructions.count < PatternProgram.maximumInstructions else {
                throw PatternSyntaxError(kind: .programTooLarge, position: repetitions.first)
            }
            instructions.append(instruction)
            return instructions.count - 1
        }

        mutating func lower(_ node: PatternNode) throws(PatternSyntaxError) {
            switch node {
            case .empty:
                return
            case .scalars(let set):
                if setIndexes[set] == nil {
                    setIndexes[set] = sets.count
                    sets.append(set)
                }
                try emit(.scalars(setIndexes[set]!))
            case .assertion(let assertion):
                try emit(.assertion(assertion))
            case .concatenation(let items):
                for item in items { try lower(item) }
            case .alternation(let branches):
                try lowerAlternation(branches)
            case .repetition(let body, let minimum, let maximum, let position):
                repetitions.append(position)
                try lowerRepetition(body, minimum: minimum, maximum: maximum)
                repetitions.removeLast()
            }
        }

        /// `a|b|c`: split to `a` or on; each branch but the last jumps to the end.
        private mutating func lowerAlternation(_ branches: [PatternNode]) throws(PatternSyntaxError) {
            var jumpsToEnd: [Int] = []
            for branch in branches.dropLast() {
                let split = try emit(.split(0, 0))
                try lower(branch)
                jumpsToEnd.append(try emit(.jump(0)))
                instructions[split] = .split(split + 1, instructions.count)
            }
            try lower(branches[branches.count - 1])
            for jump in jumpsToEnd { instructions[jump] = .jump(instructions.count) }
        }

        /// `minimum` copies of `body`, then either a loop or `maximum - minimum` optional copies.
        private mutating func lowerRepetition(
            _ body: PatternNode, minimum: Int, maximum: Int?
        ) throws(PatternSyntaxError) {
            guard let maximum else {
                // `x{n,}` is `x{n-1}x+`, one instruction shorter than `x{n}x*`.
                for _ in 0..<max(minimum - 1, 0) { try lower(body) }
                if minimum == 0 {
                    let loop = try emit(.split(0, 0))
                    try lower(body)
                    try emit(.jump(loop))
                    instructions[loop] = .split(loop + 1, instructions.count)
                } else {
                    let start = instructions.count
                    try lower(body)
                    try emit(.split(start, instructions.count + 1))
                }
                return
            }
            for _ in 0..<minimum { try lower(body) }
            // Skipping one optional copy skips the rest: all splits leave for the same end.
            var splits: [Int] = []
            for _ in minimum..<maximum {
                splits.append(try emit(.split(0, 0)))
                try lower(body)
            }
            for split in splits { instructions[split] = .split(split + 1, instructions.count) }
        }
    }
}
