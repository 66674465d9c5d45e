import RaftTestKit
import Testing

/// The randomized cluster simulation (see `ClusterSimulation`) over many seeds: every safety
/// property checked at every step, liveness after healing. A failing seed is printed with the
/// command that replays it with its full trace.
///
/// The suite runs 1,000 seeds; `raft-sim --seeds 100000` runs as many as you like.
@Suite("Randomized simulation")
struct SimulationSweepTests {
    @Test("1,000 seeds of crashes, partitions, lossy links, membership changes and transfers keep every promise")
    func thousandSeeds() async {
        let report = await SeedSweep(firstSeed: 1, count: 1000).run()
        #expect(report.seedsRun == 1000)
        #expect(report.failures.isEmpty, "\(report.summary)")
        // The sweep must really have exercised what it claims to.
        let statistics = report.statistics
        #expect(statistics.crashes > 1000)
        #expect(statistics.partitions > 500)
        #expect(statistics.snapshotsRestored > 100)
        #expect(statistics.configurationChangesApplied > 1000)
        #expect(statistics.transfersRequested > 100)
        #expect(statistics.readsChecked > 1000)
        #expect(statistics.leadersElected > 2000)
    }

    @Test("a seed replays exactly: the same trace twice")
    func deterministicReplay() {
        var options = SimulationOptions(seed: 4242)
        options.recordTrace = true
        let first = ClusterSimulation(options: options).run()
        let second = ClusterSimulation(options: options).run()
        #expect(!first.trace.isEmpty)
        #expect(first.trace == second.trace)
    }
}
