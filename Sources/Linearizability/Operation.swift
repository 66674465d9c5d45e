/// One client call as a black-box test observed it: what was asked, when, and what came back.
///
/// Linearizability (Herlihy & Wing 1990) is defined over exactly this: each operation occupies the
/// real-time interval from its invocation to its response, and must appear to take effect at one
/// instant inside it. Times are nanoseconds of the recording process's monotonic clock; only their
/// order matters, so one clock must stamp the whole history.
public struct Operation<Input: Sendable, Output: Sendable>: Sendable {
    /// The client that issued the call; used only to name the operation in explanations.
    public var clientID: Int
    public var input: Input
    public var invokedAt: UInt64
    public var outcome: Outcome<Output>

    public init(clientID: Int, input: Input, invokedAt: UInt64, outcome: Outcome<Output>) {
        self.clientID = clientID
        self.input = input
        self.invokedAt = invokedAt
        self.outcome = outcome
    }

    /// When the response arrived, or nil for an unknown outcome: such an operation stays pending
    /// forever (its response is at +infinity), so it may take effect at any point after its
    /// invocation, or never.
    public var completedAt: UInt64? {
        guard case .completed(_, let time) = outcome else { return nil }
        return time
    }

    /// The response, or nil for an unknown outcome (then the model leaves the output unconstrained).
    public var output: Output? {
        guard case .completed(let output, _) = outcome else { return nil }
        return output
    }
}

/// How an operation ended. An output and a completion time come together or not at all, which is
/// why they share a case rather than being two independent optionals.
public enum Outcome<Output: Sendable>: Sendable {
    /// The response `output` arrived at `at` (nanoseconds, same clock as the invocation).
    case completed(Output, at: UInt64)
    /// The call timed out or its connection dropped: it may or may not have taken effect.
    case unknown
}
