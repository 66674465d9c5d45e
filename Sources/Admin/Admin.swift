/// Cluster administration shared by `ecsctl` and the tests.
///
/// - `AdminClient`: the platform admin's HTTP API (cluster status, membership, leadership,
///   tenants) over every endpoint of a region, with the server's refusals as typed errors.
/// - `ConnectionDiscovery`: where the endpoints and the token come from when no flag names them
///   (the environment, the files `cluster/up` writes).
/// - `TokenMinter`, `AuthSecret`: client tokens signed with the region's secret.
/// - `Names`: the spelling rules of names, the same for the node and the command line.
/// - `TextTable`, `StatusReport`, `TenantReport`, `PrettyJSON`: what `ecsctl` prints.
/// - `FailoverDrill`, `DrillReport`: the leader taken down through the API, the region's
///   recovery timed.
///
/// Drift measurement, backup and restore join once the node serves them.
public enum Admin {}
