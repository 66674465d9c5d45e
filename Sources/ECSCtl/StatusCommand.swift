import Admin
import ArgumentParser

/// `ecsctl status`: a node's view of its region.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a node's view of the region: role, term, leader, commit and applied index, members.",
        discussion: "The first endpoint that answers is the node asked; match indexes and health are the leader's.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withClient { client throws(AdminError) in
            output.show(try await client.status(), StatusReport.text)
        }
    }
}
