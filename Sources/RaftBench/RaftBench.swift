import ArgumentParser
import Foundation
import MallocInterposerSwift

/// `raft-bench`: committed entries per second through an in-memory 3-voter cluster, and heap
/// allocations per entry — the ceiling the consensus core puts on the node.
///
/// Allocation counting needs the malloc interposer preloaded; the benchmark re-executes itself
/// with `LD_PRELOAD` set to the library built beside it, so the one command does both.
@main
struct RaftBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raft-bench", abstract: "Throughput and allocations of the Raft core, in memory.")

    @Option(help: "Entries to commit in the measured run.") var entries: Int = 200_000
    @Option(help: "Proposals handed to the leader per round (batching).") var batch: Int = 256
    @Option(help: "Bytes per entry.") var entrySize: Int = 64
    @Option(help: "Voters in the cluster.") var voters: Int = 3

    func validate() throws {
        guard entries > 0, batch > 0, entrySize > 0, (1...7).contains(voters) else {
            throw ValidationError("--entries, --batch and --entry-size must be positive; --voters 1 to 7")
        }
    }

    func run() throws {
        Self.preloadAllocationCounter()
        let cluster = try InMemoryCluster(voters: voters)
        cluster.electLeader()
        let payload = [UInt8](repeating: 0x42, count: entrySize)
        // Warm up, so that growth of arrays and storage is not charged to the measurement.
        try cluster.commit(min(entries, 10_000), payload: payload)

        let counting = ProcessInfo.processInfo.environment["LD_PRELOAD"]?.contains("MallocInterposer") == true
        if counting {
            MallocInterposerSwift.reset()
            MallocInterposerSwift.hook()
        }
        let clock = ContinuousClock()
        let started = clock.now
        var remaining = entries
        while remaining > 0 {
            let round = min(batch, remaining)
            try cluster.commit(round, payload: payload)
            remaining -= round
        }
        let elapsed = clock.now - started
        if counting { MallocInterposerSwift.unhook() }

        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("raft core, in memory: \(voters) voters, \(entrySize)-byte entries, batches of \(batch)")
        print(
            String(
                format: "  committed: %.0f entries/s (%d entries in %.2f s)", Double(entries) / seconds, entries,
                seconds))
        if counting {
            let statistics = MallocInterposerSwift.getStatistics()
            print(
                String(
                    format: "  allocations: %.1f per entry (%.0f bytes per entry)",
                    Double(statistics.mallocCount) / Double(entries),
                    Double(statistics.mallocBytesCount) / Double(entries)))
        } else {
            print("  allocations: not counted (libMallocInterposerSwift.so not found beside the executable)")
        }
    }

    /// Re-executes this program with the malloc interposer preloaded, once.
    private static func preloadAllocationCounter() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["LD_PRELOAD"] == nil else { return }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libMallocInterposerSwift.so").path
        guard FileManager.default.fileExists(atPath: library) else { return }
        setenv("LD_PRELOAD", library, 1)
        var arguments = CommandLine.arguments.map { strdup($0) }
        arguments[0] = strdup(executable.path)
        arguments.append(nil)
        execv(executable.path, arguments)
        // execv only returns on failure: go on without counting.
        unsetenv("LD_PRELOAD")
    }
}
