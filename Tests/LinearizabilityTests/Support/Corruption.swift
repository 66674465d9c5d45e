import Linearizability

/// Turns one read of a linearizable history into a read no linearization can explain, and says
/// which key it broke. Only provably impossible outputs are used, so a corrupted history that
/// checks as linearizable is always a checker bug.
enum Corruption {
    /// A read returns a value no write ever wrote.
    static func valueNeverWritten(
        in history: [StringOperation], using generator: inout some RandomNumberGenerator
    ) -> (history: [StringOperation], key: String)? {
        guard let target = completedReads(in: history).randomElement(using: &generator) else { return nil }
        return (replacingOutput(of: target, in: history, with: "never-written"), history[target].input.key)
    }

    /// A read returns the value of a write W0 although another write or delete W1 started after
    /// W0 completed and completed before the read started. Every write writes a distinct value,
    /// so W0 is linearized before W1, W1 before the read, and nothing writes W0's value again.
    static func overwrittenValue(
        in history: [StringOperation], using generator: inout some RandomNumberGenerator
    ) -> (history: [StringOperation], key: String)? {
        for target in completedReads(in: history).shuffled(using: &generator) {
            let read = history[target]
            let completedBefore = { (time: UInt64) in
                history.filter { $0.input.key == read.input.key && ($0.completedAt ?? .max) < time }
            }
            for overwrite in completedBefore(read.invokedAt) where !isRead(overwrite) {
                for case .write(_, let value) in completedBefore(overwrite.invokedAt).map(\.input) {
                    return (replacingOutput(of: target, in: history, with: value), read.input.key)
                }
            }
        }
        return nil
    }

    private static func completedReads(in history: [StringOperation]) -> [Int] {
        history.indices.filter { isRead(history[$0]) && history[$0].completedAt != nil }
    }

    private static func isRead(_ operation: StringOperation) -> Bool {
        if case .read = operation.input { true } else { false }
    }

    private static func replacingOutput(
        of index: Int, in history: [StringOperation], with value: String
    ) -> [StringOperation] {
        var history = history
        guard let completedAt = history[index].completedAt else {
            preconditionFailure("only completed reads are corrupted")
        }
        history[index].outcome = .completed(.value(value), at: completedAt)
        return history
    }
}
