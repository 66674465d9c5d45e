/// The threads of a `PatternProgram` alive at one position of the text: a set of instruction
/// indexes, each present at most once.
///
/// That "at most once" is what keeps a search linear: however ambiguous the pattern, as in
/// `(x+x+)+y`, a position holds no more threads than the program has instructions, where a
/// backtracking engine would try each of the exponentially many ways to reach them in turn.
///
/// It is a sparse set (Briggs and Torczon): adding, testing and clearing take constant time, so
/// clearing it at each position costs nothing however large the program.
struct PatternThreads {
    private let instructions: [PatternProgram.Instruction]
    /// The members, in the order added, in `dense[0..<count]`.
    private var dense: [Int]
    /// Where each instruction index sits in `dense`, if it is a member.
    private var sparse: [Int]
    private(set) var count = 0
    /// Instruction indexes still to follow while adding a thread; empty between calls to `add`.
    private var pending: [Int] = []

    init(_ instructions: [PatternProgram.Instruction]) {
        self.instructions = instructions
        dense = Array(repeating: 0, count: instructions.count)
        sparse = Array(repeating: 0, count: instructions.count)
    }

    subscript(position: Int) -> Int {
        dense[position]
    }

    mutating func removeAll() {
        count = 0
    }

    /// Adds a thread at `start` and every thread it reaches without consuming a code point,
    /// between the code points `before` and `after` (`nil`: the start or end of the text).
    /// Returns whether one of them reaches `match`.
    mutating func add(_ start: Int, between before: UInt32?, and after: UInt32?) -> Bool {
        // Most threads land on an instruction that consumes: no epsilon moves to follow.
        if case .scalars = instructions[start] {
            _ = insert(start)
            return false
        }
        pending.append(start)
        while let index = pending.popLast() {
            guard insert(index) else { continue }
            switch instructions[index] {
            case .match:
                pending.removeAll(keepingCapacity: true)
                return true
            case .jump(let target):
                pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .assertion(let assertion):
                if assertion.holds(between: before, and: after) { pending.append(index + 1) }
            case .scalars:
                continue
            }
        }
        return false
    }

    /// Adds `index`; `false` if it was already a member.
    private mutating func insert(_ index: Int) -> Bool {
        let slot = sparse[index]
        if slot < count && dense[slot] == index { return false }
        sparse[index] = count
        dense[count] = index
        count += 1
        return true
    }
}
