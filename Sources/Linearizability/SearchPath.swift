/// The search's current configuration — which operations are linearized, in which order, and the
/// state they leave — with the memo of configurations already reached, so none is explored twice
/// (Lowe 2017, "Testing for linearizability"; Porcupine's cache).
struct SearchPath {
    /// One memoized configuration: two paths that linearized the same operations into the same
    /// state have the same future.
    private struct Configuration: Hashable {
        var linearized: Bitset.Fingerprint
        var state: Int
    }

    /// How to undo one linearization. `committed`: the configuration before it fails whenever the
    /// one after it does, so backtracking passes it by instead of trying its other candidates.
    private struct Step {
        var call: Int
        var operation: Int
        var previousState: Int
        var committed: Bool
    }

    private(set) var events: EventList
    /// A `StateTable` id.
    private(set) var state = 0
    private(set) var linearized: Bitset
    /// Operations with a known completion not linearized yet: the search succeeds at zero.
    private(set) var remaining: Int
    private var memo: Set<Configuration> = []
    private var steps: [Step] = []

    init(events: EventList, operationCount: Int) {
        self.events = events
        linearized = Bitset(count: operationCount)
        remaining = events.returnCount
    }

    /// How many configurations have been reached.
    var configurationCount: Int { memo.count }

    /// How many operations are linearized.
    var depth: Int { steps.count }

    /// The operation linearized last.
    var last: Int? { steps.last?.operation }

    /// The operations linearized so far, in order.
    var order: [Int] { steps.map(\.operation) }

    /// Linearizes the call at node `call`, which moves the model to state `next`, unless that
    /// configuration was reached before; returns whether it was new.
    mutating func extend(_ call: Int, operation: Int, to next: Int, committed: Bool) -> Bool {
        linearized.insert(operation)
        guard memo.insert(Configuration(linearized: linearized.fingerprint, state: next)).inserted else {
            linearized.remove(operation)
            return false
        }
        steps.append(Step(call: call, operation: operation, previousState: state, committed: committed))
        state = next
        events.lift(call)
        if events.hasReturn(call) { remaining -= 1 }
        return true
    }

    /// Undoes linearizations back to the latest uncommitted one, returning to the configuration
    /// it was chosen in; false when there is none, i.e. the search is exhausted.
    mutating func backtrack() -> Bool {
        while let step = steps.popLast() {
            if events.hasReturn(step.call) { remaining += 1 }
            linearized.remove(step.operation)
            events.unlift(step.call)
            state = step.previousState
            if !step.committed { return true }
        }
        return false
    }
}
