/// Why a history is not linearizable, in terms an engineer can take back to the recorded history:
/// the partition (key), the longest prefix that could be ordered, the state it left, and the
/// window of operations of which none could take effect next.
///
/// Operations are named by their index in the checked history (`#index`), the same number
/// `HistoryRecorder.invoke` returned for them.
public struct Explanation: Sendable, Equatable, CustomStringConvertible {
    /// How many operations of the prefix `description` lists; the rest is elided.
    private static let shownPrefixLength = 8

    /// The partition with no linearization, e.g. `key "a"`.
    public let partition: String
    /// The operations the search managed to order before getting stuck, in that order.
    public let linearizedPrefix: [Int]
    /// The model state after `linearizedPrefix`.
    public let state: String
    /// The operation that had to take effect by its completion, but no order got that far.
    public let blockingOperation: Int
    /// The operations that could have taken effect next, none of which led to a linearization:
    /// the smallest stuck window the search found.
    public let stuckOperations: [Int]
    public let description: String

    init<M: Model>(
        subHistory: SubHistory<M.Input, M.Output>, stuck: StuckPoint, states: StateTable<M>,
        history: [Operation<M.Input, M.Output>]
    ) {
        let indices = subHistory.historyIndices
        partition = subHistory.name
        linearizedPrefix = stuck.linearized.map { indices[$0] }
        state = "\(states.states[stuck.state])"
        blockingOperation = indices[stuck.blocking]
        stuckOperations = stuck.candidates.map { indices[$0] }

        let shown = linearizedPrefix.suffix(Self.shownPrefixLength)
        var lines = [
            "not linearizable on \(partition): no order of its operations respects both real time and the model."
        ]
        if linearizedPrefix.isEmpty {
            lines.append("No operation can take effect first; the initial state is \(state).")
        } else {
            let elided = shown.count < linearizedPrefix.count ? ", the last \(shown.count) shown" : ""
            lines.append(
                "The furthest any order got is \(linearizedPrefix.count) of \(indices.count) operations\(elided):")
            lines += shown.map { "  " + Self.describe($0, in: history) }
            lines.append("leaving the state \(state).")
        }
        // From the partition, not the history: the model may have inferred a deadline for an
        // unknown outcome (see `KeyValueModel.partition`).
        let deadline = subHistory.operations[stuck.blocking].completedAt.map(String.init) ?? "∞"
        lines.append(
            "Then #\(blockingOperation) had to take effect by \(deadline), but no order of the operations that "
                + "could take effect next gets there:")
        for candidate in stuck.candidates {
            let verdict =
                states.step(stuck.state, candidate) == nil
                ? "impossible in state \(state)" : "possible here, but every order after it gets stuck"
            lines.append("  \(Self.describe(indices[candidate], in: history)): \(verdict)")
        }
        description = lines.joined(separator: "\n")
    }

    /// `#index client c [invoked, completed] input → output`, unknown outcomes as `[invoked, ∞)`.
    private static func describe<Input, Output>(_ index: Int, in history: [Operation<Input, Output>]) -> String {
        let operation = history[index]
        let span =
            operation.completedAt.map { "[\(operation.invokedAt), \($0)]" } ?? "[\(operation.invokedAt), ∞)"
        let output = operation.output.map { "\($0)" } ?? "unknown"
        return "#\(index) client \(operation.clientID) \(span) \(operation.input) → \(output)"
    }
}
