import Foundation

/// The shape of the chaos run: a few registers hammered by a few clients, long enough for a
/// couple of dozen faults. `ECS_CHAOS_SECONDS` shortens or lengthens the faulty phase.
struct ChaosSettings: Sendable {
    var faultySeconds: Int
    var clients = 8
    var tenant = "chaos"
    var set = "registers"
    var keys = (0..<5).map { "reg-\($0)" }
    /// Shorter than a pause plus an election, so a stalled request becomes an unknown outcome
    /// instead of holding its client for the rest of the run.
    var requestTimeout: Duration = .seconds(4)
    /// Frequent snapshots with a short log behind them, so that restarted nodes often catch up
    /// by installing a snapshot and crashes land around snapshotting too.
    var nodeConfig = """
        tuning:
          snapshot-entries: 200
          snapshot-catch-up-entries: 20
        """

    static func fromEnvironment() -> ChaosSettings {
        let seconds = ProcessInfo.processInfo.environment["ECS_CHAOS_SECONDS"].flatMap { Int($0) } ?? 150
        return ChaosSettings(faultySeconds: max(seconds, 5))
    }

    /// At least this many kills must have happened for a pass to mean anything.
    var minimumKills: Int { max(2, faultySeconds / 30) }
    /// At least this many acknowledged writes and successful reads, likewise.
    var minimumAcknowledged: Int { 2 * faultySeconds }
}
