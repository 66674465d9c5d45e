/// The depth-first search for a linearization of one partition: Wing & Gong's algorithm (1993)
/// with Lowe's memoization (2017, "Testing for linearizability"), as Porcupine implements it.
///
/// A configuration's candidates are the calls that may take effect next (those before the first
/// remaining return, see `EventList`) and that the model accepts in the current state. The search
/// linearizes one and continues from the new configuration, unless `SearchPath`'s memo has seen
/// it; when none is left to try, no order of what remains lets the blocking operation (the first
/// remaining return) take effect in time, so it backtracks. It succeeds once every operation with
/// a known completion is linearized: unknown outcomes left over never took effect. Candidates are
/// tried in a heuristic order (see `ordered`), which changes how fast an order is found, not the
/// answer; a history that is not linearizable needs the whole reachable space either way.
///
/// Three reductions go beyond Porcupine, none of which changes any answer (together with the
/// ordering they took a 5,000-operation single-key history from 16 clients from tens of seconds
/// to a fraction of one):
///
/// - A read that may take effect next and fits the current state is linearized at once,
///   with no alternative tried. If any linearization from here exists, one starting with that read
///   does: move the read to the front. It changes no state, so every later operation behaves the
///   same, and nothing remaining had to precede it, since its call comes before every remaining
///   return. So concurrent reads cost no branching.
/// - Unknown-outcome calls with equal inputs are interchangeable (no deadline, same effect), so
///   they are linearized only in invocation order. A linearization using some of them can use the
///   earliest-invoked ones instead (the i-th earliest was invoked no later than the i-th one
///   used), so k identical timed-out calls (say, deletes of one key) cost k + 1 configurations,
///   not 2^k.
/// - An unknown-outcome overwrite is only linearized right before an operation that observes it
///   (a read or a read-modify-write). In any linearization, one followed by another overwrite or
///   by nothing can be removed: what it wrote is never seen, and not taking effect is allowed.
///   Otherwise every timed-out write would be tried at every point of its open-ended window.
///
/// The search sees states only as `StateTable` ids, so it is not generic.
struct PartitionSearch {
    private let events: EventList
    private let effect: [OperationEffect]
    /// Unknown-outcome overwrites: worth linearizing only right before an operation that observes
    /// them.
    private let needsObserver: [Bool]
    /// When each operation had to take effect by: its completion, or never for unknown outcomes.
    private let deadline: [UInt64]
    /// For each unknown-outcome operation, the previously invoked one with the same input, which
    /// must be linearized first.
    private let identicalPredecessor: [Int?]

    init<M: Model>(model: M, operations: [Operation<M.Input, M.Output>]) {
        events = EventList(operations)
        let effects = operations.map { model.effect(of: $0.input) }
        effect = effects
        needsObserver = operations.indices.map { effects[$0] == .overwrite && operations[$0].completedAt == nil }
        deadline = operations.map { $0.completedAt ?? .max }
        var predecessor = [Int?](repeating: nil, count: operations.count)
        var latestUnknown: [M.Input: Int] = [:]
        let unknowns = operations.indices.filter { operations[$0].completedAt == nil }
        for index in unknowns.sorted(by: { (operations[$0].invokedAt, $0) < (operations[$1].invokedAt, $1) }) {
            predecessor[index] = latestUnknown.updateValue(index, forKey: operations[index].input)
        }
        identicalPredecessor = predecessor
    }

    /// Runs until decided or out of `limits`. `step` is the model as a `StateTable`: the next
    /// state's id, or nil when the operation cannot take effect.
    func run(step: (_ state: Int, _ operation: Int) -> Int?, limits: SearchLimits) -> PartitionVerdict {
        var path = SearchPath(events: events, operationCount: effect.count)
        // The candidates of the configuration each uncommitted step was chosen in, and of the
        // current one, with how many of them were tried.
        var frames: [(candidates: [Candidate], tried: Int)] = []
        var deepest: StuckPoint?
        search: while path.remaining > 0 {
            if let reason = limits.reasonToStop(afterExploring: path.configurationCount) { return .undecided(reason) }
            switch move(on: path, step: step) {
            case .commit(let read):
                if path.extend(read.call, operation: read.operation, to: read.next, committed: true) { continue search }
                // Explored before and failed, so this configuration fails too.
                guard path.backtrack() else { break search }
            case .deadEnd:
                guard path.backtrack() else { break search }
            case .branch(let candidates):
                frames.append((candidates, 0))
            }
            while let (candidates, tried) = frames.last {
                if tried < candidates.count {
                    frames[frames.count - 1].tried += 1
                    let next = candidates[tried]
                    if path.extend(next.call, operation: next.operation, to: next.next, committed: false) {
                        continue search
                    }
                } else {
                    Self.recordStuck(path, furthest: &deepest)
                    frames.removeLast()
                    guard path.backtrack() else { break search }
                }
            }
            break
        }
        if path.remaining == 0 { return .linearizable }
        guard let deepest else { preconditionFailure("a failed search has been stuck somewhere") }
        return .notLinearizable(deepest)
    }

    /// What to do at a configuration reached for the first time.
    private func move(on path: SearchPath, step: (Int, Int) -> Int?) -> Move {
        let window = path.events.window()
        guard let blocking = window.blocking else { preconditionFailure("an operation left to linearize has a return") }
        let fits = window.calls.compactMap { call in
            fittingStep(call.operation, on: path, step: step).map {
                Candidate(call: call.node, operation: call.operation, next: $0)
            }
        }
        if let read = fits.first(where: { effect[$0.operation] == .read }) { return .commit(read) }
        // Only a read or a read-modify-write can observe an unknown overwrite just linearized;
        // before anything else it may as well not have taken effect.
        guard let last = path.last, needsObserver[last] else {
            return .branch(ordered(fits, blocking: blocking, step: step))
        }
        let observers = fits.filter { effect[$0.operation] == .readModifyWrite }
        return observers.isEmpty ? .deadEnd : .branch(ordered(observers, blocking: blocking, step: step))
    }

    /// Remembers the configuration `path` is in, where every candidate failed, if it is further
    /// than the furthest so far.
    private static func recordStuck(_ path: SearchPath, furthest: inout StuckPoint?) {
        let window = path.events.window()
        guard let blocking = window.blocking else { preconditionFailure("a stuck configuration has a return") }
        if let furthest, !furthest.isPassed(byDepth: path.depth, windowSize: window.calls.count) { return }
        furthest = StuckPoint(
            linearized: path.order, state: path.state, blocking: blocking, candidates: window.calls.map(\.operation))
    }

    /// The state after `operation` takes effect now, if it is its turn and the model accepts it.
    private func fittingStep(_ operation: Int, on path: SearchPath, step: (Int, Int) -> Int?) -> Int? {
        if let predecessor = identicalPredecessor[operation], !path.linearized.contains(predecessor) { return nil }
        return step(path.state, operation)
    }

    /// Orders candidates to try likely ones first: those that are the blocking operation or after
    /// which it fits, since it must take effect before anything invoked later; then earliest
    /// deadline first, since an operation that may still wait long (a slow or unknown-outcome
    /// write) linearized early tends to be overwritten before the read that observed it, and
    /// that mistake is only found, and undone, much later. Every candidate is still tried.
    private func ordered(_ candidates: [Candidate], blocking: Int, step: (Int, Int) -> Int?) -> [Candidate] {
        let keyed = candidates.enumerated().map { position, candidate in
            let leadsOn = candidate.operation == blocking || step(candidate.next, blocking) != nil
            return (key: (leadsOn ? 0 : 1, deadline[candidate.operation], position), candidate: candidate)
        }
        return keyed.sorted { $0.key < $1.key }.map(\.candidate)
    }
}

/// What the search does at a new configuration: linearize a fitting read with no alternative,
/// give up on it, or try candidates in order.
private enum Move {
    case commit(Candidate)
    case deadEnd
    case branch([Candidate])
}

/// A call that may take effect next and fits the current state, moving it to `next`.
private struct Candidate {
    var call: Int
    var operation: Int
    var next: Int
}

/// What the search of one partition concluded.
enum PartitionVerdict {
    case linearizable
    case notLinearizable(StuckPoint)
    /// Out of time or configurations, for the reason given.
    case undecided(String)
}

/// When a search gives up undecided: the search is exponential in the worst case, so both its time
/// and its memo (one entry per configuration) need a bound.
struct SearchLimits {
    /// How many configurations pass between clock reads; a read per step would dominate.
    private static let clockCheckInterval = 1024

    var deadline: ContinuousClock.Instant
    var maxConfigurations: Int

    /// Why to stop after reaching `explored` configurations, or nil to go on. Called once per new
    /// configuration, so every multiple of the clock interval is seen.
    func reasonToStop(afterExploring explored: Int) -> String? {
        if explored >= maxConfigurations { return "reached its limit of \(explored) configurations" }
        if explored % Self.clockCheckInterval == 0, ContinuousClock.now >= deadline {
            return "timed out after exploring \(explored) configurations"
        }
        return nil
    }
}
