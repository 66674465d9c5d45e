import Admin
import ArgumentParser
import Foundation

/// `ecsctl backup --out FILE`: a consistent backup of the region's state, from the first node
/// that answers, written to FILE only once it is whole and its checksum matches.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Save a consistent backup of the region's state to a file.",
        discussion: """
            The node asked first confirms it has applied every acknowledged write, then streams a \
            copy of its state. It is written to FILE.partial, flushed, checked against its SHA-256, \
            and renamed to FILE (replacing it). Progress goes to standard error when it is a \
            terminal (--progress/--no-progress to choose). Restore it with `ecsctl restore`.
            """)

    @Option(help: "The file to write the backup to.")
    var out: String

    @Flag(inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Print the summary as JSON (indented, keys sorted), for scripts.")
    var json = false

    func run() async throws {
        let meter = ProgressMeter(label: "backup", enabled: progress ?? (!json && isatty(STDERR_FILENO) == 1))
        try await connection.withClient { client throws(BackupDownload.Failure) in
            let (backup, endpoint) = try await BackupDownload.run(client, to: out, progress: meter.update)
            meter.finish()
            let summary = BackupReport.summary(backup, file: out, source: endpoint.baseURL)
            print(json ? BackupReport.json(summary) : BackupReport.text(summary))
        }
    }
}
