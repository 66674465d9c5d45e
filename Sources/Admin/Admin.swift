/// Cluster administration shared by `ecsctl` and the tests.
///
/// - `AdminClient`: the platform admin's HTTP API (cluster status, membership, leadership,
///   tenants) over every endpoint of a region, with the server's refusals as typed errors.
/// - `ConnectionDiscovery`: where the endpoints and the token come from when no flag names them
///   (the environment, the files `cluster/up` writes).
/// - `TokenMinter`, `AuthSecret`: client tokens signed with the region's secret.
/// - `Names`: the spelling rules of names, the same for the node and the command line.
/// - `BackupHeader`, `BackupFile`, `BackupDownload`, `PendingRestore`: the backup file format,
///   taking a backup into a file, and placing one in a new data folder for a node to restore.
/// - `FailoverDrill`, `DrillReport`: the leader taken down through the API, the region's
///   recovery timed.
/// - `TextTable`, `StatusReport`, `TenantReport`, `BackupReport`, `PrettyJSON`: what `ecsctl` prints.
///
/// Drift measurement joins once the node serves it.
public enum Admin {}
