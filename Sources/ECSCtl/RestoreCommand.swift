import Admin
import ArgumentParser
import Foundation

/// `ecsctl restore --from FILE --data-dir DIR`: prepares a new data folder from a backup, for
/// one node of the restored region. Works offline: the region it came from may be gone.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Prepare an empty data folder to start a node from a backup.",
        discussion: """
            Checks the backup (format, version, SHA-256) and that DIR is empty or missing, then \
            places the backup in DIR. Start ecs-node on DIR with the restored region's --id, \
            --region and --peers: it builds its state and Raft log from the backup (a new Raft \
            group at the backup's index, whose voters are --peers). Prepare one folder per node, \
            from the same backup, and start them all with the same --peers. Stop every node of \
            the old region first: the restored region keeps its name and cluster id.
            """)

    @Option(help: "The backup file (written by ecsctl backup).")
    var from: String

    @Option(help: "The new node's data folder (its ecs-node --data-dir); must be empty or missing.")
    var dataDir: String

    @Flag(help: "Print the summary as JSON (indented, keys sorted), for scripts.")
    var json = false

    func run() throws {
        do throws(PendingRestore.Refusal) {
            let backup = try PendingRestore.place(backup: from, into: dataDir)
            let summary = BackupReport.summary(backup, file: from, dataDir: dataDir)
            print(
                json
                    ? BackupReport.json(summary)
                    : BackupReport.text(summary) + "\n\nready: start ecs-node with --data-dir \(dataDir)")
        } catch {
            ExitStatus.report(error)
            throw error.exitCode
        }
    }
}
