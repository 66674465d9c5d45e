/// Runs a range of simulation seeds across several workers and gathers the results; shared by
/// the test suite and `raft-sim`.
public struct SeedSweep: Sendable {
    public var firstSeed: UInt64
    public var count: Int
    public var chaosTicks: Int
    public var workers: Int

    public init(firstSeed: UInt64, count: Int, chaosTicks: Int = 300, workers: Int = 2) {
        self.firstSeed = firstSeed
        self.count = count
        self.chaosTicks = chaosTicks
        self.workers = workers
    }

    /// What a sweep found.
    public struct Report: Sendable {
        public var failures: [SimulationOutcome] = []
        public var statistics = SimulationStatistics()
        public var seedsRun = 0

        public var summary: String {
            var lines = ["\(seedsRun) seeds, \(failures.count) failed; \(statistics)"]
            for failure in failures.prefix(10) {
                lines.append(
                    "seed \(failure.seed): \(failure.failure ?? "")  (replay: raft-sim --seed \(failure.seed) --trace)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Runs every seed; `progress` is called with the number of seeds done so far.
    public func run(progress: @Sendable (Int) -> Void = { _ in }) async -> Report {
        let chaosTicks = chaosTicks
        return await withTaskGroup(of: Report.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var report = Report()
                    for offset in stride(from: worker, to: count, by: workers) {
                        var options = SimulationOptions(seed: firstSeed + UInt64(offset))
                        options.chaosTicks = chaosTicks
                        let outcome = ClusterSimulation(options: options).run()
                        report.seedsRun += 1
                        report.statistics.add(outcome.statistics)
                        if !outcome.passed { report.failures.append(outcome) }
                    }
                    return report
                }
            }
            var total = Report()
            for await report in group {
                total.seedsRun += report.seedsRun
                total.statistics.add(report.statistics)
                total.failures += report.failures
                progress(total.seedsRun)
            }
            total.failures.sort { $0.seed < $1.seed }
            return total
        }
    }
}
