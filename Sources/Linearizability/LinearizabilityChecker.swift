/// Decides whether a recorded concurrent history is linearizable with respect to a `Model`.
///
/// The history is split into the model's partitions (P-compositionality: Herlihy & Wing's
/// locality, exploited as in Porcupine and Horn & Kroening 2015), and each partition is searched
/// for a linearization by Wing & Gong's algorithm (1993) with Lowe's memoization of (linearized
/// set, state) pairs (2017, "Testing for linearizability"); see `PartitionSearch`. Partitions are
/// checked one after another: each is usually decided in milliseconds, and a sequential check
/// reports the same partition every run.
///
/// Measured on the development machine (2 cores, release build), histories from the tests'
/// `RegisterSimulation` — 16 clients, ~5,000 operations, 40% writes, 10% deletes, 50% reads,
/// 5% unknown outcomes — checked whole, then with one read corrupted to an overwritten value:
///
/// | keys | linearizable history | corrupted history |
/// | --- | --- | --- |
/// | 8 | 0.06–0.11 s | 0.05–0.06 s |
/// | 3 | 0.10–0.20 s | 0.16–0.46 s |
/// | 1 (16 clients on one key) | 0.10–0.27 s | 1.7–14 s |
///
/// A violation needs the whole reachable space before it explored, so its cost grows with
/// concurrency per key; debug builds are about three times slower.
public enum LinearizabilityChecker {
    /// Checks `history` against `model`.
    ///
    /// Gives up with `.unknown` when the whole check takes longer than `timeout`, or when one
    /// partition's search reaches `maxConfigurations` (each costs about 70 bytes of memo and
    /// transition cache, so the default bounds memory near 350 MB). The first partition, in the
    /// model's order, found violated is reported, even if others were left undecided.
    public static func check<M: Model>(
        _ history: [Operation<M.Input, M.Output>], model: M, timeout: Duration,
        maxConfigurations: Int = 5_000_000
    ) -> CheckResult {
        let limits = SearchLimits(deadline: ContinuousClock.now.advanced(by: timeout), maxConfigurations: maxConfigurations)
        var undecided: [String] = []
        for subHistory in model.partition(history) {
            let states = StateTable(model: model, operations: subHistory.operations)
            let search = PartitionSearch(model: model, operations: subHistory.operations)
            switch search.run(step: states.step, limits: limits) {
            case .linearizable:
                continue
            case .notLinearizable(let stuck):
                return .notLinearizable(
                    Explanation(subHistory: subHistory, stuck: stuck, states: states, history: history))
            case .undecided(let reason):
                undecided.append("\(subHistory.name): \(reason)")
            }
        }
        return undecided.isEmpty ? .linearizable : .unknown(undecided.joined(separator: "; "))
    }
}
