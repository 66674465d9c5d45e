import Foundation

/// What `ecsctl backup` and `ecsctl restore` print about a backup: a few labelled fields for
/// people, or (`--json`) the same as one object for scripts.
public enum BackupReport {
    /// The `--json` form.
    public struct Summary: Codable, Equatable, Sendable {
        public var file: String
        public var region: String
        public var clusterId: String
        public var index: UInt64
        public var term: UInt64
        /// ISO 8601, UTC, when the node took the copy.
        public var createdAt: String
        public var bytes: UInt64
        public var sha256: String
        /// The node that sent it (backup) or the data folder it waits in (restore).
        public var source: String?
        public var dataDir: String?
    }

    public static func summary(
        _ backup: BackupFile.Verified, file: String, source: String? = nil, dataDir: String? = nil
    ) -> Summary {
        Summary(
            file: file, region: backup.header.region, clusterId: BackupFile.hex(backup.header.clusterID),
            index: backup.header.appliedIndex, term: backup.header.appliedTerm,
            createdAt: backup.header.createdAt.formatted(.iso8601), bytes: backup.size, sha256: backup.sha256,
            source: source, dataDir: dataDir)
    }

    /// The summary as labelled fields.
    public static func text(_ summary: Summary) -> String {
        TextTable.fields([
            "file": summary.file, "region": summary.region, "index": "\(summary.index) (term \(summary.term))",
            "taken at": summary.createdAt, "size": "\(byteCount(summary.bytes)) (\(summary.bytes) bytes)",
            "sha256": summary.sha256,
        ]).text
    }

    /// The summary as indented JSON with sorted keys.
    public static func json(_ summary: Summary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(summary)) ?? Data(), as: UTF8.self)
    }

    /// `bytes` for people: `812 B`, `4.0 KiB`, `12.3 MiB`, `1.1 GiB`.
    public static func byteCount(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
