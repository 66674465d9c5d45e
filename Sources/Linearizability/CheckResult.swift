/// The verdict on a whole history.
public enum CheckResult: Sendable, Equatable {
    /// Some order of the operations respects real time and the model.
    case linearizable
    /// No order does; the explanation names the partition and where every order gets stuck.
    case notLinearizable(Explanation)
    /// Some partition was left undecided (out of time or configurations) and none was found
    /// violated: the search is exponential in the worst case, so "don't know" must be a possible
    /// answer. The text names each undecided partition and why.
    case unknown(String)
}
