/// Cluster administration shared by `ecsctl` and the tests: membership, leadership transfer,
/// failover drills, drift measurement, backup and restore.
///
/// The operations arrive with the replicated node (see the issues); this module exists now so
/// that the package layout is the one the project promises.
public enum Admin {}
