import Raft

/// What one simulation run does. Everything else — cluster shape, fault rates, the timing
/// of crashes and partitions — is drawn from `seed`, so a seed number alone replays a run.
public struct SimulationOptions: Sendable {
    /// The seed every random choice of the run comes from.
    public var seed: UInt64
    /// Ticks of chaos: faults, crashes, membership changes and transfers mixed with load.
    public var chaosTicks: Int = 300
    /// Ticks allowed, after everything is healed, for a leader to emerge and for every new
    /// proposal to be applied by every member. Exceeding it is a liveness failure.
    public var livenessBound: Int = 400
    /// Record every event of the run (for printing a failing seed's trace).
    public var recordTrace: Bool = false

    public init(seed: UInt64) {
        self.seed = seed
    }
}

/// The shape and fault rates of one run, drawn from its seed.
struct Scenario: CustomStringConvertible {
    var voters: Int
    var learners: Int
    /// Node ids that start outside the cluster and may be added by membership changes.
    var spares: Int
    var dropRate: Double
    var duplicateRate: Double
    var maxDelay: Int
    /// Chance per tick that a live node crashes (losing everything not persisted).
    var crashRate: Double
    /// Chance per tick that a partition starts when none is active.
    var partitionRate: Double
    var proposalRate: Double
    var readRate: Double
    var membershipRate: Double
    var transferRate: Double
    /// Applied entries between two snapshots of a replica; the log is compacted behind them.
    var snapshotInterval: UInt64
    /// How every replica serves reads: a heartbeat round, or the leader lease (thesis §6.4.1).
    var readOnlyOption: ReadOnlyOption

    init(using generator: inout SeededGenerator) {
        voters = Bool.random(using: &generator) ? 3 : 5
        learners = Int.random(in: 0...1, using: &generator)
        spares = 2
        dropRate = Double.random(in: 0...0.1, using: &generator)
        duplicateRate = Double.random(in: 0...0.05, using: &generator)
        maxDelay = Int.random(in: 0...4, using: &generator)
        crashRate = Double.random(in: 0...0.01, using: &generator)
        partitionRate = Double.random(in: 0...0.02, using: &generator)
        proposalRate = Double.random(in: 0.2...0.8, using: &generator)
        readRate = Double.random(in: 0.05...0.3, using: &generator)
        membershipRate = Double.random(in: 0...0.03, using: &generator)
        transferRate = Double.random(in: 0...0.01, using: &generator)
        snapshotInterval = UInt64.random(in: 10...40, using: &generator)
        readOnlyOption = Double.random(in: 0..<1, using: &generator) < 0.3 ? .leaseBased : .safe
    }

    var memberCount: Int { voters + learners + spares }

    var description: String {
        "voters=\(voters) learners=\(learners) spares=\(spares) drop=\(rounded(dropRate)) dup=\(rounded(duplicateRate)) "
            + "delay≤\(maxDelay) crash=\(rounded(crashRate)) partition=\(rounded(partitionRate)) "
            + "membership=\(rounded(membershipRate)) transfer=\(rounded(transferRate)) snapshotEvery=\(snapshotInterval) "
            + "reads=\(readOnlyOption)"
    }

    private func rounded(_ value: Double) -> String {
        String(Double(Int(value * 1000)) / 1000)
    }
}
