import Admin
import ArgumentParser

/// `ecsctl drift`: how far the answering node's region is behind each other region.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Show how far this region's copies of other regions' replicated tenants are behind.",
        discussion: """
            Per remote region: the outbox index replayed through, the shared changes not replayed yet \
            (versions) and the age of the oldest of them (seconds); then the tenants that are behind.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client throws(AdminError) in
            output.show(try await client.drift(), DriftReport.text)
        }
    }
}
