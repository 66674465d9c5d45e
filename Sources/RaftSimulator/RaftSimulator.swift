import ArgumentParser
import Foundation
import RaftTestKit

/// `raft-sim`: runs many seeds of the randomized cluster simulation, or replays one with its trace.
///
/// The test suite runs 1,000 seeds on every build; this runs as many as you like, e.g.
/// `raft-sim --seeds 100000`, and a failing seed replays with `raft-sim --seed N --trace`.
@main
struct RaftSimulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raft-sim", abstract: "Randomized, deterministic simulation of Raft clusters under faults.")

    @Option(help: "How many seeds to run, starting at --first-seed.") var seeds: Int = 1000
    @Option(help: "The first seed.") var firstSeed: UInt64 = 1
    @Option(help: "Replay this one seed only.") var seed: UInt64?
    @Flag(help: "Print the trace of every event of the replayed seed.") var trace = false
    @Option(help: "Ticks of chaos per seed.") var chaosTicks: Int = 300
    @Option(help: "Parallel workers.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard seeds > 0, workers > 0, chaosTicks > 0 else {
            throw ValidationError("--seeds, --workers and --chaos-ticks must be positive")
        }
    }

    func run() async throws {
        if let seed {
            var options = SimulationOptions(seed: seed)
            options.chaosTicks = chaosTicks
            options.recordTrace = trace
            let outcome = ClusterSimulation(options: options).run()
            outcome.trace.forEach { print($0) }
            print(outcome.passed ? "seed \(seed) passed" : "seed \(seed) FAILED: \(outcome.failure!)")
            print(outcome.statistics)
            if !outcome.passed { throw ExitCode.failure }
            return
        }
        let report = await SeedSweep(firstSeed: firstSeed, count: seeds, chaosTicks: chaosTicks, workers: workers).run {
            completed in
            if completed % 1000 == 0 { print("… \(completed) seeds") }
        }
        print(report.summary)
        if !report.failures.isEmpty { throw ExitCode.failure }
    }
}
