import ArgumentParser

/// `ecsctl`: the operator's command line for an ECS region, over the `Admin` library.
@main
struct ECSCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecsctl",
        abstract: "Operate an ECS region.",
        subcommands: [TokenCommand.self])
}
