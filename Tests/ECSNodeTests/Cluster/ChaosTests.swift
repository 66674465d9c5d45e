import Foundation
import Linearizability
import Testing

extension ClusterTests {
    /// Issue 4's chaos test: concurrent clients write and read a few registers through random
    /// nodes of a real 3-node region while nodes are killed, restarted and frozen; afterwards the
    /// whole recorded history must be linearizable, and every register readable on every node.
    @Suite(.timeLimit(.minutes(10)))
    struct ChaosTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("linearizable registers through kill -9, restarts and SIGSTOP pauses")
        func chaos() async throws {
            let settings = ChaosSettings.fromEnvironment()
            let history = RegisterHistory()
            let tally = ChaosTally()
            try await LocalCluster.run(
                config: settings.nodeConfig, requestTimeout: settings.requestTimeout, tenants: [settings.tenant]
            ) {
                cluster in
                let clients = (1...settings.clients).map {
                    ChaosClient(id: $0, cluster: cluster, settings: settings, history: history, tally: tally)
                }
                // Seed every register, so the tenant and its set exist before the first fault.
                let leader = try await cluster.awaitLeader()
                for (index, key) in settings.keys.enumerated() {
                    await clients[0].write(index, to: key, via: leader)
                }
                let deadline = ContinuousClock.now.advanced(by: .seconds(settings.faultySeconds))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for client in clients {
                        group.addTask { await client.run(until: deadline) }
                    }
                    group.addTask { try await ChaosDriver(cluster: cluster, tally: tally).run(until: deadline) }
                    try await group.waitForAll()
                }
                tally.note("faults over")
                try await Self.expectFinalReads(cluster: cluster, client: clients[0], history: history)
            }

            let counts = tally.snapshot
            let started = ContinuousClock.now
            let verdict = LinearizabilityChecker.check(
                history.history(), model: KeyValueModel<String, Int>(), timeout: .seconds(120))
            print(
                "chaos: \(history.history().count) recorded operations; writes \(counts.writes) "
                    + "(acknowledged \(counts.acknowledged), refused \(counts.refused), unknown \(counts.unknown)); "
                    + "reads \(counts.reads) (answered \(counts.readsAnswered)); kills \(counts.kills), "
                    + "pauses \(counts.pauses); \(Int(tally.elapsed.inSeconds)) s; "
                    + "checked in \(String(format: "%.1f", (ContinuousClock.now - started).inSeconds)) s")

            let faults = tally.events.joined(separator: "\n")
            switch verdict {
            case .linearizable:
                break
            case .notLinearizable(let explanation):
                // Operation times are nanoseconds and fault times seconds, both since the run began.
                Issue.record("\(explanation)\nfaults:\n\(faults)")
            case .unknown(let reason):
                Issue.record("the checker could not decide: \(reason)")
            }
            #expect(
                counts.unexpected.isEmpty,
                "answers outside the contract:\n\(counts.unexpected.prefix(20).joined(separator: "\n"))")
            #expect(counts.kills >= settings.minimumKills, "only \(counts.kills) kills\n\(faults)")
            #expect(
                counts.acknowledged >= settings.minimumAcknowledged, "only \(counts.acknowledged) acknowledged writes")
            #expect(counts.readsAnswered >= settings.minimumAcknowledged, "only \(counts.readsAnswered) answered reads")
        }

        /// With every node back: each node answers a linearizable read (recorded in the history,
        /// so the checker also judges these final values), all agree, and every register that
        /// had an acknowledged write holds one of the values written to it.
        private static func expectFinalReads(
            cluster: LocalCluster, client: ChaosClient, history: RegisterHistory
        ) async throws {
            for spec in cluster.nodes where !cluster.isRunning(spec.id) { try cluster.start(spec.id) }
            try await cluster.awaitReady(timeout: .seconds(30))

            var finals: [String: ConfigDocument] = [:]
            for spec in cluster.nodes {
                finals[spec.id] = try await poll("a linearizable read through \(spec.id)", timeout: .seconds(30)) {
                    await client.readAll(via: spec)
                }
            }
            let settings = client.settings
            let operations = history.history()
            for key in settings.keys {
                let values = Set(cluster.nodes.map { finals[$0.id]?.value(settings.set, key) })
                #expect(values.count == 1, "the nodes disagree on \(key): \(values)")
                let writes = operations.filter { $0.input.key == key && $0.input != .read(key) }
                let written = Set(
                    writes.compactMap { operation -> Int? in
                        guard case .write(_, let value) = operation.input else { return nil }
                        return value
                    })
                let acknowledged = writes.contains { $0.output == .ok }
                for value in values {
                    if let value {
                        #expect(written.contains(value), "\(key) holds \(value), which nobody wrote")
                    } else {
                        #expect(!acknowledged, "\(key) lost every acknowledged write")
                    }
                }
            }
        }
    }
}
