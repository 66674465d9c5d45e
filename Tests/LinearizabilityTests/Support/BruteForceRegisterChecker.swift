import Linearizability

/// A reference for tiny histories: tries every order of every subset of the operations that
/// includes all completed ones, straight from the definition of linearizability, with its own
/// map semantics. Exponential and without any of the checker's reductions, which is the point:
/// the two must agree.
enum BruteForceRegisterChecker {
    static func isLinearizable(_ history: [StringOperation]) -> Bool {
        search(remaining: Set(history.indices), map: [:], in: history)
    }

    private static func search(remaining: Set<Int>, map: [String: String], in history: [StringOperation]) -> Bool {
        if remaining.allSatisfy({ history[$0].completedAt == nil }) { return true }
        for next in remaining where mayGoNext(next, remaining: remaining, in: history) {
            var map = map
            switch (history[next].input, history[next].outcome) {
            case (.write(let key, let value), _): map[key] = value
            case (.delete(let key), _): map[key] = nil
            case (.read(let key), .completed(.value(let value), _)): if map[key] != value { continue }
            case (.read, .unknown): break
            case (.read, .completed(.ok, _)): preconditionFailure("reads answer values")
            }
            if search(remaining: remaining.subtracting([next]), map: map, in: history) { return true }
        }
        return false
    }

    /// No remaining operation completed before `next` was invoked.
    private static func mayGoNext(_ next: Int, remaining: Set<Int>, in history: [StringOperation]) -> Bool {
        remaining.allSatisfy { (history[$0].completedAt ?? .max) >= history[next].invokedAt }
    }
}
