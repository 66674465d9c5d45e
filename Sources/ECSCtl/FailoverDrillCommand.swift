import Admin
import ArgumentParser

/// `ecsctl failover-drill`: rehearses losing the leader on a live region (see `FailoverDrill`)
/// and prints how long the region took to recover.
struct FailoverDrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover-drill",
        abstract: "Take the leader down, time the new leader and the first acknowledged write, bring it back.",
        discussion: """
            The leader is cut off its peers through the API (POST /v1/cluster/isolate), so the drill \
            runs from any machine; it writes one item to the tenant ecs-drill (created if missing), \
            then ends the isolation and waits until the old leader follows, caught up. \
            Exit status 4: no leader or fewer than 3 voters; 5: the region did not recover in time.
            """)

    @Option(
        help: "How long the leader is cut off at most, 1-300 s; the new leader and the first write must come within it."
    )
    var isolateSeconds = 30

    @Option(help: "How long the old leader may take to follow and catch up once back, in seconds.")
    var rejoinTimeout = 30

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the report as JSON (keys sorted) for scripts.")
    var json = false

    func validate() throws {
        guard (1...300).contains(isolateSeconds) else { throw ValidationError("--isolate-seconds must be 1 to 300") }
        guard rejoinTimeout > 0 else { throw ValidationError("--rejoin-timeout must be positive") }
    }

    func run() async throws {
        try await connection.withClient { client throws(DrillError) in
            let drill = FailoverDrill(
                client: client, isolationSeconds: isolateSeconds, rejoinTimeout: .seconds(rejoinTimeout))
            let report = try await drill.run()
            print(json ? report.json : report.text)
        }
    }
}
