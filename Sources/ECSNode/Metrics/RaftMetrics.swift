import CoreMetrics
import Metrics

/// The consensus metrics: where the log stands (gauges set by the shell loop after each round),
/// leadership, proposals and their latency, the fsync of each synced Raft-log write, and
/// snapshots. Made once per process; recording is an atomic update, no lookup and no lock.
struct RaftMetrics: Sendable {
    static let shared = RaftMetrics(factory: NodeMetrics.factory)

    /// The names shared with `NodeMetrics`' bucket settings.
    enum Names {
        static let snapshotDuration = "ecs_raft_snapshot_duration_seconds"
        static let snapshotSize = "ecs_raft_snapshot_size_bytes"
    }

    let term: Gauge
    let commitIndex: Gauge
    let appliedIndex: Gauge
    /// 1 while this node knows a leader, 0 during an election.
    let hasLeader: Gauge
    /// 1 on the leader.
    let isLeader: Gauge
    let leaderChanges: Counter
    let proposalsOK: Counter
    let proposalsFailed: Counter
    let proposalDuration: Metrics.Timer
    let fsyncDuration: Metrics.Timer
    let snapshotDuration: Metrics.Timer
    let snapshotSize: Recorder
    let snapshotFailures: Counter

    init(factory: any MetricsFactory) {
        term = Gauge(label: "ecs_raft_term", factory: factory)
        commitIndex = Gauge(label: "ecs_raft_commit_index", factory: factory)
        appliedIndex = Gauge(label: "ecs_raft_applied_index", factory: factory)
        hasLeader = Gauge(label: "ecs_raft_has_leader", factory: factory)
        isLeader = Gauge(label: "ecs_raft_is_leader", factory: factory)
        leaderChanges = Counter(label: "ecs_raft_leader_changes_total", factory: factory)
        proposalsOK = Counter(label: "ecs_raft_proposals_total", dimensions: [("result", "ok")], factory: factory)
        proposalsFailed = Counter(
            label: "ecs_raft_proposals_total", dimensions: [("result", "failed")], factory: factory)
        proposalDuration = Timer(label: "ecs_raft_proposal_duration_seconds", factory: factory)
        fsyncDuration = Timer(label: "ecs_raft_fsync_duration_seconds", factory: factory)
        snapshotDuration = Timer(label: Names.snapshotDuration, factory: factory)
        snapshotSize = Recorder(label: Names.snapshotSize, aggregate: true, factory: factory)
        snapshotFailures = Counter(label: "ecs_raft_snapshot_failures_total", factory: factory)
    }

    /// Sets the gauges from the state the shell loop publishes after a round.
    func observe(_ status: ClusterStatus) {
        term.record(status.term)
        commitIndex.record(status.commitIndex)
        appliedIndex.record(status.appliedIndex)
        hasLeader.record(status.leader == nil ? 0 : 1)
        isLeader.record(status.role == "leader" ? 1 : 0)
    }

    /// Counts a proposal's outcome and the time from proposing it to that outcome.
    func proposalFinished(_ result: PendingRequests.ProposalResult, after elapsed: Duration) {
        switch result {
        case .success: proposalsOK.increment()
        case .failure: proposalsFailed.increment()
        }
        proposalDuration.record(duration: elapsed)
    }
}
