/// Client proposals (Raft paper §5.3 "each client request contains a command"; thesis §6.2
/// routing requests to the leader).
extension RaftNode {
    /// Proposes an application command. On the leader it is appended to the log; on a
    /// follower it is forwarded to the leader (or refused with `.notLeader(hint:)` when
    /// `disableProposalForwarding` is set or no leader is known). Success means accepted
    /// for replication, not committed: watch `Ready.committedEntries`.
    /// Throws `.proposalDropped` while a leadership transfer is in progress, when the
    /// uncommitted log is full, or when this leader was removed.
    public func propose(_ data: [UInt8]) throws(RaftError) {
        try receive(Message(type: .propose, to: id, from: id, entries: [Entry(data: data)]))
    }

    /// Proposes a membership change (thesis §4). Only one change may be pending at a time;
    /// the leader validates it against the current configuration and refuses invalid ones
    /// with `.invalidConfChange`. Once committed, the applying layer must call
    /// `applyConfChange(_:)`.
    public func proposeConfChange(_ change: ConfChange) throws(RaftError) {
        let entry = Entry(kind: .confChange, data: change.encoded())
        try receive(Message(type: .propose, to: id, from: id, entries: [entry]))
    }

    /// Leader: validates and appends a (possibly forwarded) proposal, then replicates it.
    func acceptProposal(_ proposal: Message) throws(RaftError) {
        precondition(!proposal.entries.isEmpty, "\(id) received an empty proposal from \(proposal.from)")
        guard tracker.progress.contains(id) else { throw .proposalDropped }
        // Thesis §3.10: stop accepting requests while handing leadership over.
        guard leadTransferee == nil else { throw .proposalDropped }
        var confChangeOffset: Int?
        for (offset, entry) in proposal.entries.enumerated() where entry.kind == .confChange {
            if confChangeOffset != nil {
                throw .invalidConfChange(.changePending(index: log.lastIndex + 1, applied: log.appliedIndex))
            }
            try validateConfChange(try ConfChange(decoding: entry.data))
            confChangeOffset = offset
        }
        let firstNewIndex = log.lastIndex + 1
        guard appendEntries(proposal.entries) else { throw .proposalDropped }
        if let confChangeOffset {
            pendingConfIndex = firstNewIndex + UInt64(confChangeOffset)
        }
        broadcastAppend()
    }

    /// Stamps entries with the current term and the next indexes and appends them. The
    /// leader acknowledges its own entries only once they are persisted. Returns false when
    /// the uncommitted-size limit refuses them.
    func appendEntries(_ entries: [Entry]) -> Bool {
        let firstIndex = log.lastIndex + 1
        let stamped = entries.enumerated().map { offset, entry in
            Entry(index: firstIndex + UInt64(offset), term: term, kind: entry.kind, data: entry.data)
        }
        guard reserveUncommittedSize(stamped.payloadSize) else { return false }
        log.append(stamped)
        var ownAcknowledgement = message(.appendResponse, to: id)
        ownAcknowledgement.index = log.lastIndex
        send(ownAcknowledgement)
        return true
    }

    /// Bounds the leader's uncommitted log. An empty payload always fits (the leader's
    /// first entry must never be refused) and so does anything when nothing is
    /// uncommitted (so a single large proposal can still make progress).
    private func reserveUncommittedSize(_ size: UInt64) -> Bool {
        let limit = config.maxUncommittedEntriesSize
        if uncommittedSize > 0 && size > 0 && size > limit - min(uncommittedSize, limit) {
            return false
        }
        uncommittedSize += size
        return true
    }

    /// Applied entries no longer count as uncommitted.
    func releaseUncommittedSize(_ size: UInt64) {
        uncommittedSize -= min(size, uncommittedSize)
    }
}
