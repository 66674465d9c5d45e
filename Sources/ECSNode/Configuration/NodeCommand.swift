import Admin
import ArgumentParser
import Foundation
import Logging

/// `ecs-node`: one member of a regional ECS cluster.
///
/// The flag names are the contract of `shared/spec/API.md`; operators' scripts depend on them.
/// Every flag may instead come from the `--config` YAML file (flags win). A node that cannot
/// start prints one line saying why and exits with status 1.
@main
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-node", abstract: "A member of a regional ECS configuration cluster.")

    @Option(help: "This node's id, unique across all regions.") var id: String?
    @Option(help: "The region this node belongs to.") var region: String?
    @Option(help: "The folder holding this node's data; created when missing.") var dataDir: String?
    @Option(help: "Address of the HTTP API, host:port.") var http: String?
    @Option(help: "Address of the Raft peer listener, host:port.") var raft: String?
    @Option(help: "Address of an extra listener serving only GET /metrics, without a token, host:port.")
    var metrics: String?
    @Option(help: "The region's initial voters, name=host:port,... (this node included).") var peers: String?
    @Option(help: "File whose bytes (trailing whitespace stripped) are the HS256 key of client tokens.")
    var authSecretFile: String?
    @Flag(help: "Start empty and wait to be added with POST /v1/cluster/members.") var join = false
    @Flag(help: "Join as a learner (non-voting member); requires --join.") var learner = false
    @Option(help: "Another region's HTTP endpoints, region=http://host:port,...; repeat per region.")
    var regionSeeds: [String] = []
    @Option(help: "The region owning the tenant directory and platform layers (default: the first region name).")
    var platformRegion: String?
    @Option(help: "PEM certificate of this node for TLS (peers and HTTP API); with --tls-key and --tls-ca.")
    var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Option(help: "PEM certificate of the CA that signs every node's certificate; peers must chain to it.")
    var tlsCa: String?
    @Option(help: "A YAML file with the same settings (flag names without dashes); flags win.")
    var config: String?

    /// Parses like ArgumentParser's own `main`, but a refused command line is one line on
    /// standard error and exit status 1, like every other reason a node does not start
    /// (`--help` still prints the help).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            exitWithOneLine(ValidationError(message(for: error)))
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
        let configuration: NodeConfiguration
        do {
            configuration = try resolvedConfiguration()
        } catch {
            Self.exitWithOneLine(error)
        }
        do {
            try await NodeRunner(configuration: configuration).run()
        } catch {
            Self.exitWithOneLine(error)
        }
    }

    /// Merges flags over the file and validates the result.
    func resolvedConfiguration() throws(ConfigurationError) -> NodeConfiguration {
        let file = try config.map { path throws(ConfigurationError) in try ConfigurationFile.load(from: path) }
        func required(_ flag: String, _ value: String?, _ fromFile: String?) throws(ConfigurationError) -> String {
            guard let value = value ?? fromFile, !value.isEmpty else { throw .missing(flag) }
            return value
        }
        let secretPath = try required("--auth-secret-file", authSecretFile, file?.authSecretFile)
        var seeds = file?.regionSeeds ?? [:]
        for seed in regionSeeds {
            let (region, urls) = try NodeConfiguration.parseRegionSeed(seed)
            seeds[region] = urls
        }
        var tuning = NodeConfiguration.Tuning()
        if let section = file?.tuning {
            tuning.tickMilliseconds = section.tickMs ?? tuning.tickMilliseconds
            tuning.electionTicks = section.electionTicks ?? tuning.electionTicks
            tuning.snapshotEntries = section.snapshotEntries ?? tuning.snapshotEntries
            tuning.snapshotCatchUpEntries = section.snapshotCatchUpEntries ?? tuning.snapshotCatchUpEntries
            tuning.accessReportMilliseconds = section.accessReportMs ?? tuning.accessReportMilliseconds
            tuning.requestHeadTimeoutMilliseconds =
                section.requestHeadTimeoutMs ?? tuning.requestHeadTimeoutMilliseconds
            tuning.requestBodyTimeoutMilliseconds =
                section.requestBodyTimeoutMs ?? tuning.requestBodyTimeoutMilliseconds
        }
        guard tuning.tickMilliseconds >= 1, tuning.electionTicks >= 3, tuning.snapshotEntries >= 1,
            tuning.accessReportMilliseconds >= 100, tuning.requestHeadTimeoutMilliseconds >= 100,
            tuning.requestBodyTimeoutMilliseconds >= 100
        else {
            throw .invalid(
                "tuning",
                "tick-ms ≥ 1, election-ticks ≥ 3, snapshot-entries ≥ 1, access-report-ms ≥ 100 and the request timeouts ≥ 100 are required"
            )
        }
        let regionName = try required("--region", region, file?.region)
        let configuration = NodeConfiguration(
            name: try required("--id", id, file?.id),
            region: regionName,
            dataDirectory: try required("--data-dir", dataDir, file?.dataDir),
            httpAddress: try HostPort(parsing: try required("--http", http, file?.http), flag: "--http"),
            raftAddress: try HostPort(parsing: try required("--raft", raft, file?.raft), flag: "--raft"),
            metricsAddress: try (metrics ?? file?.metrics).map { text throws(ConfigurationError) in
                try HostPort(parsing: text, flag: "--metrics")
            },
            initialPeers: try NodeConfiguration.parsePeers(peers ?? file?.peers ?? ""),
            authSecret: try Self.readSecret(at: secretPath),
            join: join || (file?.join ?? false),
            learner: learner || (file?.learner ?? false),
            regions: RegionMap(local: regionName, seeds: seeds, platform: platformRegion ?? file?.platformRegion),
            tuning: tuning,
            editions: EditionCatalog.builtIn.overridden(by: file?.editions ?? [:]),
            tls: try NodeConfiguration.loadTLS(
                certificate: tlsCert ?? file?.tlsCert, key: tlsKey ?? file?.tlsKey, ca: tlsCa ?? file?.tlsCa))
        try configuration.validate()
        return configuration
    }

    private static func readSecret(at path: String) throws(ConfigurationError) -> [UInt8] {
        do {
            return try AuthSecret.read(from: path)
        } catch {
            throw .invalid("--auth-secret-file", "\(error)")
        }
    }

    /// Prints `ecs-node: <reason>` on standard error and exits with status 1.
    static func exitWithOneLine(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("ecs-node: \(error)\n".utf8))
        Foundation.exit(1)
    }
}
