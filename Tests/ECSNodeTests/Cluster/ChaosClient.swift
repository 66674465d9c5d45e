import Foundation
import Linearizability

typealias RegisterInput = KeyValueInput<String, Int>
typealias RegisterOutput = KeyValueOutput<Int>
typealias RegisterHistory = HistoryRecorder<RegisterInput, RegisterOutput>

/// One client of the chaos run: writes unique values to the registers and reads them all back
/// linearizably, each time through a random running node, recording every call in the history
/// with the outcome the API contract gives it.
struct ChaosClient: Sendable {
    let id: Int
    let cluster: LocalCluster
    let settings: ChaosSettings
    let history: RegisterHistory
    let tally: ChaosTally

    func run(until deadline: ContinuousClock.Instant) async {
        var written = 0
        while ContinuousClock.now < deadline {
            guard let node = cluster.nodes.filter({ cluster.isRunning($0.id) }).randomElement() else {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            if Bool.random() {
                written += 1
                // Unique across the run, so a read names exactly the write it observed.
                await write(id * 10_000_000 + written, to: settings.keys.randomElement()!, via: node)
            } else {
                _ = await readAll(via: node)
            }
        }
    }

    /// 2xx: took effect. 503: certainly not applied, but the checker has no "failed" outcome,
    /// so it is recorded as unknown, which is always sound. 504 or no answer: unknown.
    func write(_ value: Int, to key: String, via node: NodeSpec) async {
        let operation = history.invoke(clientID: id, .write(key, value))
        let reply = try? await cluster.http.putItem(
            node.baseURL, tenant: settings.tenant, set: settings.set, key: key, value: value)
        if let reply, reply.isSuccess {
            history.complete(operation, .ok)
        } else {
            history.completeUnknown(operation)
        }
        tally.update { counts in
            counts.writes += 1
            guard let reply else {
                counts.unknown += 1
                return
            }
            switch reply.status {
            case 200..<300: counts.acknowledged += 1
            case 503: counts.refused += 1
            case 504: counts.unknown += 1
            default:
                counts.unknown += 1
                counts.unexpected.append("PUT via \(node.id): \(reply)")
            }
        }
    }

    /// One linearizable config read observes every register at once; it is recorded as one read
    /// per register over the same interval. A failed read constrains nothing and is dropped.
    /// Returns what was read, if the read was answered.
    func readAll(via node: NodeSpec) async -> ConfigDocument? {
        let operations = settings.keys.map { key in (key, history.invoke(clientID: id, .read(key))) }
        let reply = try? await cluster.http.readConfig(node.baseURL, tenant: settings.tenant)
        tally.update { $0.reads += 1 }
        guard let reply, reply.status == 200 else {
            for (_, operation) in operations { history.completeUnknown(operation) }
            if let reply, ![503, 504].contains(reply.status) {
                tally.update { $0.unexpected.append("GET via \(node.id): \(reply)") }
            }
            return nil
        }
        guard let config = try? reply.decode(ConfigDocument.self) else {
            for (_, operation) in operations { history.completeUnknown(operation) }
            tally.update { $0.unexpected.append("GET via \(node.id), undecodable: \(reply)") }
            return nil
        }
        for (key, operation) in operations {
            history.complete(operation, .value(config.value(settings.set, key)))
        }
        tally.update { $0.readsAnswered += 1 }
        return config
    }
}
