import Admin
import ArgumentParser

/// `ecsctl members`: the region's membership. A new node is started with `--join --learner`,
/// added, left to catch up, then promoted; every change runs on the leader (any node forwards).
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List, add, promote and remove the region's members.",
        subcommands: [List.self, Add.self, Promote.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the members: addresses, role, match index, health (--json: the leader's status).",
            discussion: "Asks the leader (found through the first endpoint that answers), which alone knows them all.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                output.show(try await client.leaderStatus(), StatusReport.members)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a node started with --join (and --learner for --learner).",
            discussion: "Adding it as a learner first keeps the quorum unchanged while it copies the log.")

        @Argument(help: "The node's id (its ecs-node --id).")
        var id: String

        @Option(help: "Its Raft address, host:port (its ecs-node --raft).")
        var raft: String

        @Option(help: "Its HTTP address, host:port (its ecs-node --http).")
        var http: String

        @Flag(help: "Add it as a learner: it replicates but does not vote until promoted.")
        var learner = false

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try NameArgument.check(id, as: "the node id")
        }

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                let reply = try await client.addMember(id: id, raftAddress: raft, httpAddress: http, learner: learner)
                output.show(reply) { change in
                    learner
                        ? "added \(change.id) as a learner at index \(change.index); once it has caught up: "
                            + "ecsctl members promote \(change.id)"
                        : "added \(change.id) as a voter at index \(change.index)"
                }
            }
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a learner a voter.")

        @OptionGroup var member: MemberArgument
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                output.show(try await client.promote(member.id)) { "promoted \($0.id) to voter at index \($0.index)" }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member (voter or learner).")

        @OptionGroup var member: MemberArgument
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                output.show(try await client.removeMember(member.id)) { "removed \($0.id) at index \($0.index)" }
            }
        }
    }
}

/// The member a command acts on, checked like every node id before anything is sent.
struct MemberArgument: ParsableArguments {
    @Argument(help: "The member's id (its ecs-node --id).")
    var id: String

    func validate() throws {
        try NameArgument.check(id, as: "the node id")
    }
}
