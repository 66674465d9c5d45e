import Foundation
import Synchronization

/// What happened during a chaos run, counted as it happens: the summary line, the minimums that
/// keep the test from passing vacuously, and the statuses no client should ever see.
final class ChaosTally: Sendable {
    struct Counts: Sendable {
        var writes = 0
        var acknowledged = 0
        /// 503: refused before proposing, so certainly not applied.
        var refused = 0
        /// 504, timeouts and dropped connections.
        var unknown = 0
        var reads = 0
        var readsAnswered = 0
        var kills = 0
        var pauses = 0
        /// Answers outside the contract (e.g. 500, 400): node bugs, each described once.
        var unexpected: [String] = []
    }

    private let counts = Mutex(Counts())
    private let start = ContinuousClock.now
    /// The faults in order, with seconds since the run began, for failure messages.
    private let timeline = Mutex<[String]>([])

    func update(_ change: (inout Counts) -> Void) { counts.withLock { change(&$0) } }

    var snapshot: Counts { counts.withLock { $0 } }

    func note(_ event: String) {
        let line = String(format: "%7.2f s  ", elapsed.inSeconds) + event
        timeline.withLock { $0.append(line) }
    }

    var events: [String] { timeline.withLock { $0 } }

    var elapsed: Duration { ContinuousClock.now - start }
}

extension Duration {
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
