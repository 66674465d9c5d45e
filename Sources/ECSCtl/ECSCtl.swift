import ArgumentParser

/// `ecsctl`: the operator's command line for an ECS region, over the `Admin` library.
///
/// Exit status: 0 done; 1 the region refused or the answer was not usable (the problem is on
/// standard error); 2 a local backup file or data folder cannot be used; 3 no endpoint could be
/// reached; 4 and 5 only from `failover-drill` (the region cannot be drilled; it did not recover
/// in time); 64 bad usage (argument-parser's `EX_USAGE`, also for a missing endpoint or token).
@main
struct ECSCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecsctl",
        abstract: "Operate an ECS region.",
        discussion: """
            Endpoints: --endpoint (repeat it or separate with commas), else $ECS_ENDPOINT, else the \
            endpoints file in $ECS_HOME or .ecs/ (cluster/up writes it); they are tried in order. \
            Token: --token, else $ECS_TOKEN, else $ECS_HOME/token or .ecs/token, else one minted from \
            the region's secret ($ECS_SECRET_FILE, $ECS_HOME/secret or .ecs/secret).
            Exit status: 0 done, 1 refused by the region, 2 a backup file or data folder that cannot \
            be used, 3 no endpoint reachable, 4 not drillable (failover-drill: no leader, fewer than 3 \
            voters), 5 failover-drill timed out, 64 bad usage.
            """,
        subcommands: [
            StatusCommand.self, MembersCommand.self, TransferLeadershipCommand.self, FailoverDrillCommand.self,
            DriftCommand.self, TenantsCommand.self, TokenCommand.self, BackupCommand.self, RestoreCommand.self,
        ])
}
