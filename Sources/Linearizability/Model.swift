/// A sequential specification: the object a concurrent history must be equivalent to when its
/// operations are put in some order that respects real time (Wing & Gong 1993, "Testing and
/// verifying concurrent objects"; Porcupine's `Model` has the same shape).
///
/// `State` must be a value whose equality means "every future operation behaves the same": the
/// checker memoizes (set of linearized operations, state) pairs and never explores one twice, as
/// Lowe 2017 ("Testing for linearizability") showed makes the search practical.
public protocol Model: Sendable {
    /// Hashable so that the search can tell identical unknown-outcome calls apart from the rest
    /// and try only one order of them (see `PartitionSearch`).
    associatedtype Input: Hashable & Sendable
    associatedtype Output: Sendable
    /// Printed in explanations, so it should read in the vocabulary of the system under test.
    associatedtype State: Hashable & Sendable & CustomStringConvertible

    /// The state of every partition before any operation.
    var initialState: State { get }

    /// Applies `input` to `state` and returns the next state if `output` is what the sequential
    /// object would have answered, or nil if this operation cannot take effect now. A nil `output`
    /// is an unknown outcome: accept any answer and apply the effect.
    func step(_ state: State, _ input: Input, _ output: Output?) -> State?

    /// How `input`'s effect depends on the state.
    func effect(of input: Input) -> OperationEffect

    /// Splits a history into sub-histories that can be checked independently: by locality
    /// (Herlihy & Wing 1990) a history of independent objects is linearizable exactly when each
    /// object's sub-history is, and the search cost is exponential in concurrency per partition,
    /// not in the whole history. A model may also drop or tighten operations here when that
    /// provably does not change the answer.
    func partition(_ history: [Operation<Input, Output>]) -> [SubHistory<Input, Output>]
}

/// The operations of one partition, with where each came from so explanations can point an
/// engineer at the original history.
public struct SubHistory<Input: Sendable, Output: Sendable>: Sendable {
    /// What the partition is, e.g. `key "a"`.
    public var name: String
    public var operations: [Operation<Input, Output>]
    /// `operations[i]` was (or was tightened from) `history[historyIndices[i]]`.
    public var historyIndices: [Int]

    public init(name: String, operations: [Operation<Input, Output>], historyIndices: [Int]) {
        precondition(operations.count == historyIndices.count, "one history index per operation")
        self.name = name
        self.operations = operations
        self.historyIndices = historyIndices
    }
}
