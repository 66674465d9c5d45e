import ArgumentParser
import KVStore

/// `ecs-node`: one member of a regional ECS cluster.
///
/// The flags are the contract of `shared/spec/API.md`; operators' scripts depend on their names.
/// This first cut validates them and opens the node's store in `--data-dir`; replication and the
/// HTTP API arrive with the replicated node.
struct NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-node", abstract: "A member of a regional ECS configuration cluster.")

    @Option(help: "This node's id, unique across all regions.") var id: String
    @Option(help: "The region this node belongs to.") var region: String
    @Option(help: "The folder holding this node's data; created when missing.") var dataDir: String
    @Option(help: "Address of the HTTP API, host:port.") var http: String = "127.0.0.1:8081"
    @Option(help: "Address of the Raft peer listener, host:port.") var raft: String = "127.0.0.1:9081"
    @Option(help: "The region's initial voters, id=host:port,...") var peers: String = ""
    @Option(help: "File whose bytes are the HS256 key of client tokens.") var authSecretFile: String?

    func run() throws {
        let store = try Environment.open(at: dataDir + "/state")
        throw ValidationError(
            "node \(id) opened its store at \(store.path), but serving requires the replicated node, which is not built yet"
        )
    }
}

NodeCommand.main()
