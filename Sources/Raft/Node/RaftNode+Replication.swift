/// Log replication (Raft paper §5.3), commitment (§5.4.2) and flow control (thesis
/// §10.2.1).
extension RaftNode {
    // MARK: Leader side

    /// Sends the next batch of entries to `peer` if its flow control allows it; falls back
    /// to a snapshot when the entries are compacted (§7). With `evenIfEmpty` an empty
    /// `append` is sent to probe or to carry the commit index; a follower whose in-flight
    /// window is full only ever gets such an empty `append`. Returns whether a message was
    /// sent.
    @discardableResult
    func sendAppend(to peer: NodeID, evenIfEmpty: Bool = true) -> Bool {
        guard let (next, mayCarryEntries) = tracker.progress[peer]?.nextAppend else { return false }
        let previousIndex = next - 1
        let previousTerm: UInt64
        let entries: [Entry]
        do throws(RaftError) {
            previousTerm = try log.term(at: previousIndex)
            entries = mayCarryEntries ? try log.entries(from: next, maxSize: config.maxSizePerMessage) : []
        } catch {
            switch error {
            case .compacted: return sendSnapshot(to: peer)
            default: preconditionFailure("\(id) cannot read log for \(peer) at \(previousIndex): \(error)")
            }
        }
        guard !entries.isEmpty || evenIfEmpty else { return false }
        var append = message(.append, to: peer)
        append.index = previousIndex
        append.logTerm = previousTerm
        append.entries = entries
        append.commit = log.commitIndex
        send(append)
        tracker.progress.update(peer) {
            $0.sentAppend(
                entryCount: entries.count, lastIndex: previousIndex + UInt64(entries.count),
                bytes: entries.payloadSize)
        }
        return true
    }

    func broadcastAppend() {
        for peer in tracker.sortedIDs where peer != id {
            sendAppend(to: peer)
        }
    }

    /// §5.2: "leaders send periodic heartbeats". The context of the newest pending read
    /// rides along so the answers also confirm leadership for reads (thesis §6.4), and the
    /// send tick so that the answers renew the leader lease (thesis §6.4.1).
    func broadcastHeartbeat() {
        let context = readIndexQueue.newestContext ?? []
        for peer in tracker.sortedIDs where peer != id {
            guard let progress = tracker.progress[peer] else { continue }
            var heartbeat = message(.heartbeat, to: peer)
            // Never tell a follower to commit beyond what it is known to hold.
            heartbeat.commit = min(progress.match, log.commitIndex)
            heartbeat.context = context
            heartbeat.index = clock
            send(heartbeat)
        }
    }

    func handleAppendResponse(_ response: Message) {
        guard tracker.progress.contains(response.from) else { return }
        tracker.progress.update(response.from) { $0.recentActive = true }
        if response.reject {
            handleAppendRejection(response)
        } else {
            handleAppendAcknowledgement(response)
        }
    }

    /// §5.3: "after a rejection, the leader decrements nextIndex and retries" — here by a
    /// whole term at a time using the follower's hint.
    private func handleAppendRejection(_ response: Message) {
        let peer = response.from
        var hintIndex = response.rejectHint
        if response.logTerm > 0 {
            // Skip every entry of ours whose term is above the follower's hint term.
            hintIndex = log.lastIndex(atOrBelow: response.rejectHint, withTermAtMost: response.logTerm).index
        }
        guard tracker.progress[peer]?.rejected(at: response.index, hintIndex: hintIndex) == true else { return }
        if tracker.progress[peer]?.state == .replicate {
            tracker.progress[peer]?.becomeProbe()
        }
        sendAppend(to: peer)
    }

    private func handleAppendAcknowledgement(_ response: Message) {
        let peer = response.from
        let accepted = tracker.progress.update(peer) {
            $0.acceptAcknowledgement(through: response.index, firstIndex: log.firstIndex)
        }
        guard let match = accepted ?? nil else { return }
        if commitIfPossible() {
            broadcastAppend()
        }
        if peer != id {
            // Fill the freed window.
            while sendAppend(to: peer, evenIfEmpty: false) {}
        }
        if peer == leadTransferee && match == log.lastIndex {
            sendTimeoutNow(to: peer)
        }
    }

    /// A heartbeat answer proves the follower is reachable, so it lifts a paused flow for
    /// one `append`: a probe whose answer was lost is repeated, and a full in-flight window
    /// (whose appends may all have been lost) gets an empty `append` whose answer frees it —
    /// an acknowledgement if the follower holds the entries, otherwise a rejection that
    /// sends the leader back to probing (etcd's recovery from dropped `MsgApp`s). Without
    /// it, pipelining (thesis §10.2.1) over a lossy network could stall a follower forever.
    func handleHeartbeatResponse(_ response: Message) {
        let peer = response.from
        guard let progress = tracker.progress[peer] else { return }
        tracker.progress[peer]?.recentActive = true
        tracker.progress[peer]?.isFlowPaused = false
        if progress.match < log.lastIndex {
            sendAppend(to: peer)
        }
        recordLeaseAcknowledgement(from: peer, sentAt: response.index)
        confirmReads(acknowledgedBy: peer, context: response.context)
    }

    /// Advances the commit index to what a quorum holds, but only through an entry of the
    /// current term (§5.4.2, Figure 8). Returns whether it moved.
    func commitIfPossible() -> Bool {
        guard log.commitIfCurrentTerm(EntryID(term: term, index: tracker.committedIndex)) else { return false }
        releaseReadIndexRequestsAwaitingCommit()
        return true
    }

    // MARK: Follower side

    /// AppendEntries receiver (Figure 2). A rejection carries a hint — the last index at or
    /// below the leader's probe whose term is not above the leader's — so the leader can
    /// skip a whole conflicting term per round trip (§5.3).
    func handleAppend(_ append: Message) {
        var response = message(.appendResponse, to: append.from)
        if append.index < log.commitIndex {
            // Everything up to the commit index is known to match; say so.
            response.index = log.commitIndex
            send(response)
            return
        }
        let previous = EntryID(term: append.logTerm, index: append.index)
        if let lastNewIndex = log.maybeAppend(after: previous, entries: append.entries, leaderCommit: append.commit) {
            response.index = lastNewIndex
            send(response)
            return
        }
        let hint = log.lastIndex(atOrBelow: min(append.index, log.lastIndex), withTermAtMost: append.logTerm)
        response.index = append.index
        response.reject = true
        response.rejectHint = hint.index
        response.logTerm = hint.term
        send(response)
    }

    func handleHeartbeat(_ heartbeat: Message) {
        log.commit(through: heartbeat.commit)
        promiseLease()
        var response = message(.heartbeatResponse, to: heartbeat.from)
        response.context = heartbeat.context
        response.index = heartbeat.index
        send(response)
    }
}

/// Flow-control decisions made on the `Progress` in place: a copy taken out of the tracker
/// and stored back would share the in-flight window's buffer and copy it on every write.
extension Progress {
    /// Where the next `append` starts and whether it may carry entries (not while the
    /// in-flight window is full); nil while the flow is paused.
    fileprivate var nextAppend: (next: UInt64, mayCarryEntries: Bool)? {
        isPaused ? nil : (next, !isThrottled)
    }

    /// Records an acknowledgement through `index` and moves the flow-control state on;
    /// returns the new match index, or nil when the answer is stale and nothing follows
    /// from it. `firstIndex` (the leader's first log index) is only read for a follower
    /// that is catching up through a snapshot.
    fileprivate mutating func acceptAcknowledgement(
        through index: UInt64, firstIndex: @autoclosure () -> UInt64
    ) -> UInt64? {
        let advanced = acknowledge(through: index)
        // A probe answered at the current match also proves the position.
        guard advanced || (match == index && state == .probe) else { return nil }
        switch state {
        case .probe:
            becomeReplicate()
        case .snapshot:
            if match + 1 >= firstIndex() {
                // Caught up through the snapshot (or otherwise): resume normal replication.
                becomeProbe()
                becomeReplicate()
            }
        case .replicate:
            inflights.free(through: index)
        }
        return match
    }
}
