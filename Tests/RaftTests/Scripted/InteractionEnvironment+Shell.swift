import Raft

extension InteractionEnvironment {
    /// Handles every Ready and delivers every message until nothing happens any more.
    func stabilize() throws -> String {
        var output: [String] = []
        while true {
            var progressed = false
            for id in replicas.keys.sorted() where replicas[id]!.node.hasReady {
                output.append(try processReady(id))
                progressed = true
            }
            for id in replicas.keys.sorted() where mailbox.contains(where: { $0.to == id }) {
                let delivery = try deliverMessages(to: id)
                if !delivery.isEmpty { output.append(delivery) }
                progressed = true
            }
            if !progressed { break }
        }
        return output.isEmpty ? "ok" : output.joined(separator: "\n")
    }

    /// Persists, sends and applies one Ready of node `id`, printing what it held.
    func processReady(_ id: UInt64) throws -> String {
        guard var replica = replicas[id] else { throw ScriptError("no node \(id)") }
        guard replica.node.hasReady else { return "> \(id): no Ready" }
        let ready = replica.node.ready()
        var lines = ["> \(id) handling Ready"]
        if let soft = ready.softState {
            lines.append("  Lead:\(soft.leader.map(String.init) ?? "0") State:\(soft.role)")
        }
        if let hard = ready.hardState {
            lines.append(
                "  HardState Term:\(hard.term) Vote:\(hard.vote.map(String.init) ?? "0") Commit:\(hard.commit)")
        }
        if let snapshot = ready.snapshot {
            lines.append("  Snapshot: \(describe(snapshot.metadata))")
            try replica.storage.applySnapshot(snapshot)
            replica.confState = snapshot.metadata.confState
        }
        if !ready.entries.isEmpty {
            lines.append("  Entries:")
            lines += ready.entries.map { "  " + describe($0) }
            try replica.storage.append(ready.entries)
        }
        if let hard = ready.hardState { replica.storage.setHardState(hard) }
        let messages = ready.messages + ready.messagesAfterPersist
        if !messages.isEmpty {
            lines.append("  Messages:")
            lines += messages.map { "  " + describe($0) }
            mailbox += messages
        }
        if !ready.committedEntries.isEmpty {
            lines.append("  Committed:")
            for entry in ready.committedEntries {
                lines.append("  " + describe(entry))
                if entry.kind == .confChange {
                    replica.confState = try replica.node.applyConfChange(ConfChange(decoding: entry.data))
                    lines.append("  INFO \(id) conf is now \(describe(replica.confState))")
                }
            }
        }
        for state in ready.readStates {
            lines.append("  ReadState index:\(state.index) context:\(String(decoding: state.context, as: UTF8.self))")
        }
        replica.node.advance(ready)
        replicas[id] = replica
        return lines.joined(separator: "\n")
    }

    /// Delivers the messages waiting for node `id`; those to or from an isolated node are dropped.
    func deliverMessages(to id: UInt64) throws -> String {
        let waiting = mailbox.filter { $0.to == id }
        mailbox.removeAll { $0.to == id }
        var lines: [String] = []
        for message in waiting {
            if isolated.contains(message.from) || isolated.contains(message.to) {
                lines.append("dropped: \(describe(message))")
                if message.type == .snapshot { replicas[message.from]?.node.reportSnapshot(to: id, status: .failed) }
                continue
            }
            guard let target = replicas[id] else { continue }
            do {
                try target.node.step(message)
            } catch {
                lines.append("\(id) refused \(describe(message)): \(error)")
            }
            if message.type == .snapshot { replicas[message.from]?.node.reportSnapshot(to: id, status: .finished) }
        }
        return lines.isEmpty && waiting.isEmpty ? "" : lines.joined(separator: "\n")
    }
}
