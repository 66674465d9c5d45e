/// How an operation's next state depends on the current one. The search uses it to skip orders
/// that provably cannot matter (see `PartitionSearch`); `.readModifyWrite` is always a safe answer.
public enum OperationEffect: Sendable {
    /// Never changes the state, whatever the state and output: a read.
    case read
    /// Sets the state to something that does not depend on what it was: a blind write or delete.
    case overwrite
    /// Anything else: may depend on the state and change it.
    case readModifyWrite
}
