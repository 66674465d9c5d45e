import Raft

/// Compact, stable text for the values a script prints, in the spirit of etcd's test output.
extension InteractionEnvironment {
    func describe(_ entry: Entry) -> String {
        switch entry.kind {
        case .normal:
            return "\(entry.term)/\(entry.index) normal \"\(String(decoding: entry.data, as: UTF8.self))\""
        case .confChange:
            let change = (try? ConfChange(decoding: entry.data)).map(describe) ?? "undecodable"
            return "\(entry.term)/\(entry.index) confChange \(change)"
        }
    }

    func describe(_ change: ConfChange) -> String {
        guard !change.steps.isEmpty else { return "leave-joint" }
        let steps = change.steps.map { step in
            switch step.operation {
            case .addVoter: "v\(step.nodeID)"
            case .addLearner: "l\(step.nodeID)"
            case .removeNode: "r\(step.nodeID)"
            }
        }
        return steps.joined(separator: " ") + (change.transition == .automatic ? "" : " (\(change.transition))")
    }

    func describe(_ message: Message) -> String {
        var text = "\(message.from)->\(message.to) \(message.type) Term:\(message.term)"
        switch message.type {
        case .append:
            text += " Log:\(message.logTerm)/\(message.index) Commit:\(message.commit)"
            if !message.entries.isEmpty {
                text += " Entries:[\(message.entries.map(describe).joined(separator: ", "))]"
            }
        case .appendResponse:
            text += message.reject ? " Rejected (Hint: \(message.rejectHint))" : " Index:\(message.index)"
        case .requestVote, .requestPreVote:
            text += " Log:\(message.logTerm)/\(message.index)"
        case .requestVoteResponse, .requestPreVoteResponse:
            text += message.reject ? " Rejected" : " Granted"
        case .heartbeat:
            text += " Commit:\(message.commit)"
        case .snapshot:
            text += message.snapshot.map { " Snapshot: \(describe($0.metadata))" } ?? ""
        case .readIndexResponse:
            text += " Index:\(message.index)"
        case .heartbeatResponse, .readIndex, .timeoutNow, .transferLeader, .propose:
            break
        }
        if !message.context.isEmpty { text += " Context:\(String(decoding: message.context, as: UTF8.self))" }
        return text
    }

    func describe(_ metadata: SnapshotMetadata) -> String {
        "index=\(metadata.index) term=\(metadata.term) \(describe(metadata.confState))"
    }

    func describe(_ conf: ConfState) -> String {
        var parts = ["voters=(\(conf.voters.sorted().map(String.init).joined(separator: " ")))"]
        if !conf.votersOutgoing.isEmpty {
            parts[0] += "&&(\(conf.votersOutgoing.sorted().map(String.init).joined(separator: " ")))"
        }
        if !conf.learners.isEmpty {
            parts.append("learners=(\(conf.learners.sorted().map(String.init).joined(separator: " ")))")
        }
        if !conf.learnersNext.isEmpty {
            parts.append("learners_next=(\(conf.learnersNext.sorted().map(String.init).joined(separator: " ")))")
        }
        if conf.autoLeave { parts.append("autoleave") }
        return parts.joined(separator: " ")
    }

    func describe(_ status: Status) -> String {
        var lines = [
            "\(status.id): \(status.role) term=\(status.term) leader=\(status.leader.map(String.init) ?? "none") "
                + "commit=\(status.commitIndex) applied=\(status.appliedIndex)"
        ]
        for (id, progress) in status.progress.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "  \(id): \(progress.state) match=\(progress.match) next=\(progress.next)\(progress.isLearner ? " learner" : "")"
            )
        }
        return lines.joined(separator: "\n")
    }
}
