/// A partition's call and return events in time order, as a doubly linked list from which a
/// linearized operation's two events are lifted in O(1) and put back in O(1) on backtracking —
/// the representation of Lowe 2017 ("Testing for linearizability") and Porcupine.
///
/// The list always starts at the calls that may take effect next: an operation can be linearized
/// now exactly when its call precedes the first remaining return, since that return's operation
/// must take effect before anything invoked after it. Unknown outcomes have no return event (their
/// response is at +infinity), so they never force an order: they stay candidates from their call
/// on, to the end if they never take effect.
///
/// Nodes are array indices, and sentinels at both ends spare the links optionals.
struct EventList {
    /// What a node is. `returnNode` is nil for an unknown outcome, which has no return event.
    private enum Event {
        case call(operation: Int, returnNode: Int?)
        case returned(operation: Int)
        /// A sentinel: before the first event or after the last.
        case end
    }

    private static let head = 0
    private var first: Int { next[Self.head] }
    private var next: [Int]
    private var previous: [Int]
    private let events: [Event]

    init<Input, Output>(_ operations: [Operation<Input, Output>]) {
        // Calls sort before returns at the same instant: operations that touch are concurrent,
        // the reading that cannot turn clock granularity into a false violation.
        var timeline: [(time: UInt64, isReturn: Bool, operation: Int)] = []
        for (index, operation) in operations.enumerated() {
            timeline.append((operation.invokedAt, false, index))
            if let completedAt = operation.completedAt {
                precondition(completedAt >= operation.invokedAt, "operation \(index) completes before it is invoked")
                timeline.append((completedAt, true, index))
            }
        }
        timeline.sort { ($0.time, $0.isReturn ? 1 : 0, $0.operation) < ($1.time, $1.isReturn ? 1 : 0, $1.operation) }

        let tail = timeline.count + 1
        next = Array(1...tail) + [tail]
        previous = [Self.head] + Array(0..<tail)
        var returnNodes = [Int?](repeating: nil, count: operations.count)
        for (offset, event) in timeline.enumerated() where event.isReturn { returnNodes[event.operation] = offset + 1 }
        events =
            [.end]
            + timeline.map { event in
                event.isReturn
                    ? .returned(operation: event.operation)
                    : .call(operation: event.operation, returnNode: returnNodes[event.operation])
            } + [.end]
    }

    /// How many operations have a known completion.
    var returnCount: Int { events.indices.count(where: hasReturn) }

    /// Whether the operation called at `call` has a known completion, i.e. must be linearized.
    func hasReturn(_ call: Int) -> Bool {
        if case .call(_, _?) = events[call] { true } else { false }
    }

    /// Unlinks a call and its return once the operation is linearized.
    mutating func lift(_ call: Int) {
        unlink(call)
        if case .call(_, let returnNode?) = events[call] { unlink(returnNode) }
    }

    /// Undoes `lift`; lifts must be undone in the reverse order.
    mutating func unlift(_ call: Int) {
        if case .call(_, let returnNode?) = events[call] { relink(returnNode) }
        relink(call)
    }

    /// The calls that may take effect next — those before the first remaining return — and
    /// that return's operation, which must take effect before anything invoked after it; nil
    /// once no return remains.
    func window() -> (calls: [(node: Int, operation: Int)], blocking: Int?) {
        var calls: [(node: Int, operation: Int)] = []
        var node = first
        while case .call(let operation, _) = events[node] {
            calls.append((node, operation))
            node = next[node]
        }
        guard case .returned(let blocking) = events[node] else { return (calls, nil) }
        return (calls, blocking)
    }

    private mutating func unlink(_ node: Int) {
        next[previous[node]] = next[node]
        previous[next[node]] = previous[node]
    }

    private mutating func relink(_ node: Int) {
        next[previous[node]] = node
        previous[next[node]] = node
    }
}
