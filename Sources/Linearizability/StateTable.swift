/// A model compiled on demand for one partition: states become small integers and each
/// (state, operation) transition is computed once and then looked up.
///
/// This keeps the search itself free of generics. Across a module boundary the generic search
/// ran unspecialized (every memo insertion and state copy went through runtime metadata), about
/// five times slower than with integers; and the search asks for the same transition many times,
/// once per visit to a configuration, so caching transitions also saves model calls.
final class StateTable<M: Model> {
    private let model: M
    private let operations: [Operation<M.Input, M.Output>]
    /// The interned states; a state's id is its index. Id 0 is the initial state.
    private(set) var states: [M.State]
    private var ids: [M.State: Int]
    private var transitions = TransitionCache()

    init(model: M, operations: [Operation<M.Input, M.Output>]) {
        self.model = model
        self.operations = operations
        states = [model.initialState]
        ids = [model.initialState: 0]
    }

    /// The id of the state after `operation` takes effect in state `state`, or nil if it cannot.
    func step(_ state: Int, _ operation: Int) -> Int? {
        transitions.next(from: state, by: operation) {
            model.step(states[state], operations[operation].input, operations[operation].output).map(intern)
        }
    }

    private func intern(_ state: M.State) -> Int {
        if let id = ids[state] { return id }
        states.append(state)
        ids[state] = states.count - 1
        return states.count - 1
    }
}

/// The transitions computed so far. Not generic (nor nested in a generic type), so its lookups,
/// the hot path of the search, need no runtime metadata.
private struct TransitionCache {
    private struct Transition: Hashable {
        var state: Int
        var operation: Int
    }

    /// The next state's id, or nil when the operation cannot take effect in that state.
    private var known: [Transition: Int?] = [:]

    /// The cached transition, or the one `compute` finds, remembered.
    mutating func next(from state: Int, by operation: Int, computing compute: () -> Int?) -> Int? {
        let transition = Transition(state: state, operation: operation)
        if let next = known[transition] { return next }
        let next = compute()
        known[transition] = next
        return next
    }
}
