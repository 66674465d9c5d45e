import Linearizability

/// Generates histories that are linearizable by construction: clients issue operations one after
/// another with random latencies, each operation takes effect at a random instant inside its
/// interval (its linearization point), and outputs are computed by applying the operations to a
/// correct key-value map in linearization-point order.
///
/// Some calls time out: their outcome is unknown, and they took effect at a random instant after
/// their invocation (possibly long after the client moved on) or never. Every write writes a value
/// no other write writes, so tests can reason about which write a read saw.
struct RegisterSimulation {
    var clients: Int
    var keys: Int
    var operationsPerClient: Int
    /// Probability that a call's outcome is unknown.
    var unknownRate = 0.05

    func history(using generator: inout some RandomNumberGenerator) -> [StringOperation] {
        var planned: [(operation: StringOperation, effectAt: UInt64?)] = []
        for client in 0..<clients {
            var now = UInt64.random(in: 0..<50, using: &generator)
            for _ in 0..<operationsPerClient {
                let key = "k\(Int.random(in: 0..<keys, using: &generator))"
                let input: StringModel.Input =
                    switch Int.random(in: 0..<10, using: &generator) {
                    case 0..<4: .write(key, "v\(planned.count)")
                    case 4: .delete(key)
                    default: .read(key)
                    }
                let invokedAt = now
                if Double.random(in: 0..<1, using: &generator) < unknownRate {
                    let tookEffect = Bool.random(using: &generator)
                    let effectAt = invokedAt + UInt64.random(in: 0...400, using: &generator)
                    planned.append((unknown(input, by: client, at: invokedAt), tookEffect ? effectAt : nil))
                    now = invokedAt + 100
                } else {
                    let effectAt = invokedAt + UInt64.random(in: 0...40, using: &generator)
                    let completedAt = effectAt + UInt64.random(in: 0...40, using: &generator)
                    // Reads get their output when the map is replayed in effect order.
                    let output: StringModel.Output = if case .read = input { .value(nil) } else { .ok }
                    planned.append((completed(input, by: client, invokedAt...completedAt, output), effectAt))
                    now = completedAt + UInt64.random(in: 0...20, using: &generator)
                }
            }
        }
        return applyInLinearizationOrder(planned)
    }

    /// Fills in read outputs from a correct map; operations that never took effect keep their
    /// unknown outcome. Equal effect times are ordered arbitrarily: both instants lie inside
    /// both operations' intervals, so either order respects real time.
    private func applyInLinearizationOrder(
        _ planned: [(operation: StringOperation, effectAt: UInt64?)]
    ) -> [StringOperation] {
        var history = planned.map(\.operation)
        var map: [String: String] = [:]
        let effects = planned.enumerated().compactMap { index, plan in plan.effectAt.map { ($0, index) } }
        for (_, index) in effects.sorted(by: <) {
            switch history[index].input {
            case .write(let key, let value): map[key] = value
            case .delete(let key): map[key] = nil
            case .read(let key):
                if case .completed(_, let completedAt) = history[index].outcome {
                    history[index].outcome = .completed(.value(map[key]), at: completedAt)
                }
            }
        }
        return history
    }
}
