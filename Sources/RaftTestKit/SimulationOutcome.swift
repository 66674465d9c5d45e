/// What one simulation run found.
public struct SimulationOutcome: Sendable {
    public var seed: UInt64
    /// The first safety or liveness violation, or `nil` when the run kept every promise.
    public var failure: String?
    /// Every event of the run when `SimulationOptions.recordTrace` was set.
    public var trace: [String]
    public var statistics: SimulationStatistics

    public var passed: Bool { failure == nil }
}

/// Counts that show a run exercised what it claims to (a run without crashes proves little
/// about crashes).
public struct SimulationStatistics: Sendable {
    public var leadersElected = 0
    public var entriesApplied = 0
    public var crashes = 0
    public var partitions = 0
    public var snapshotsRestored = 0
    public var configurationChangesApplied = 0
    public var transfersRequested = 0
    public var readsChecked = 0
    public var ticksToRecover = 0

    public init() {}

    /// Adds another run's counts to these.
    public mutating func add(_ other: SimulationStatistics) {
        leadersElected += other.leadersElected
        entriesApplied += other.entriesApplied
        crashes += other.crashes
        partitions += other.partitions
        snapshotsRestored += other.snapshotsRestored
        configurationChangesApplied += other.configurationChangesApplied
        transfersRequested += other.transfersRequested
        readsChecked += other.readsChecked
        ticksToRecover = max(ticksToRecover, other.ticksToRecover)
    }
}
