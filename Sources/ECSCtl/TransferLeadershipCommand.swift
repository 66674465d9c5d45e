import Admin
import ArgumentParser

/// `ecsctl transfer-leadership`: moves the region's leadership, e.g. off a node about to be
/// restarted, without waiting for an election timeout.
struct TransferLeadershipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer-leadership",
        abstract: "Hand leadership to another voter (by default the most caught-up healthy one).")

    @Option(help: "The voter to lead next.")
    var to: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try NameArgument.check(to, as: "--to")
    }

    func run() async throws {
        try await connection.withClient { client throws(AdminError) in
            output.show(try await client.transferLeadership(to: to)) { "\($0.leader) leads the region now" }
        }
    }
}
