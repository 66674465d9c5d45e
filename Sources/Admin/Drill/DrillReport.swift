import Foundation

/// What a failover drill measured: who led before and after, and how long the region took,
/// each time counted from the moment the old leader was cut off.
public struct DrillReport: Sendable, Equatable, Codable {
    public var oldLeader: String
    public var oldTerm: UInt64
    public var newLeader: String
    public var newTerm: UInt64
    /// Until another voter reported the new leader.
    public var newLeaderSeconds: Double
    /// Until a surviving node acknowledged the drill's write.
    public var firstWriteSeconds: Double
    /// Until the old leader, back, followed the new one and had applied that write.
    public var totalSeconds: Double
    /// The log index that committed the drill's write.
    public var writeIndex: UInt64

    public init(
        oldLeader: String, oldTerm: UInt64, newLeader: String, newTerm: UInt64, newLeaderSeconds: Double,
        firstWriteSeconds: Double, totalSeconds: Double, writeIndex: UInt64
    ) {
        self.oldLeader = oldLeader
        self.oldTerm = oldTerm
        self.newLeader = newLeader
        self.newTerm = newTerm
        self.newLeaderSeconds = newLeaderSeconds
        self.firstWriteSeconds = firstWriteSeconds
        self.totalSeconds = totalSeconds
        self.writeIndex = writeIndex
    }

    /// For people: one labelled line per measure, times in seconds with millisecond precision.
    public var text: String {
        TextTable.fields([
            "old leader": "\(oldLeader) (term \(oldTerm))", "new leader": "\(newLeader) (term \(newTerm))",
            "time to new leader": Self.seconds(newLeaderSeconds),
            "time to first write": Self.seconds(firstWriteSeconds) + " (index \(writeIndex))",
            "total": Self.seconds(totalSeconds) + " (old leader back, caught up)",
        ]).text
    }

    /// For scripts (`--json`): the fields above, indented, keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Numbers and strings only: encoding cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f s", value)
    }
}
