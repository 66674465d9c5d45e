/// Linearizable reads without writing to the log (thesis §6.4 ReadIndex, §6.4.1 leases).
extension RaftNode {
    /// Requests a read index. When `Ready.readStates` contains a `ReadState` with this
    /// `context` and the applied index has reached its `index`, reading the state machine
    /// is linearizable. `context` must be non-empty and unique among outstanding reads.
    /// Followers forward the request to the leader (thesis §6.4.2 "reads from followers").
    /// Throws `.notLeader(hint: nil)` when no leader is known.
    public func readIndex(context: [UInt8]) throws(RaftError) {
        precondition(!context.isEmpty, "read contexts must be non-empty to match heartbeat answers")
        try receive(Message(type: .readIndex, to: id, from: id, entries: [Entry(data: context)]))
    }

    /// Leader: the read index is the commit index, but only once this leader has committed
    /// an entry of its own term — before that it may not know the latest commit index
    /// (thesis §6.4 step 1).
    func handleReadIndexRequest(_ request: Message) {
        if tracker.isSingleton {
            answerRead(request, index: log.commitIndex)
        } else if hasCommittedEntryInCurrentTerm {
            confirmLeadership(for: request)
        } else {
            readIndexRequestsAwaitingCommit.append(request)
        }
    }

    var hasCommittedEntryInCurrentTerm: Bool { log.termOrZero(at: log.commitIndex) == term }

    func releaseReadIndexRequestsAwaitingCommit() {
        guard !readIndexRequestsAwaitingCommit.isEmpty, hasCommittedEntryInCurrentTerm else { return }
        let released = readIndexRequestsAwaitingCommit
        readIndexRequestsAwaitingCommit = []
        released.forEach(confirmLeadership(for:))
    }

    /// Lease mode, while the lease is provably valid: no other leader can exist yet
    /// (§6.4.1, see `holdsReadLease`). Otherwise — and always in safe mode — a heartbeat
    /// round proves nobody else became leader (thesis §6.4 step 3).
    private func confirmLeadership(for request: Message) {
        if config.readOnlyOption == .leaseBased && holdsReadLease {
            answerRead(request, index: log.commitIndex)
            return
        }
        let context = readContext(of: request)
        readIndexQueue.add(request, context: context, index: log.commitIndex)
        _ = readIndexQueue.acknowledge(context, from: id)
        broadcastHeartbeat()
    }

    /// A heartbeat answer carrying a read context counts as a leadership confirmation.
    func confirmReads(acknowledgedBy peer: NodeID, context: [UInt8]) {
        guard !context.isEmpty,
            let acknowledgements = readIndexQueue.acknowledge(context, from: peer)
        else { return }
        let votes = Dictionary(uniqueKeysWithValues: acknowledgements.map { ($0, true) })
        guard tracker.config.voters.voteResult(votes) == .won else { return }
        for read in readIndexQueue.dequeue(through: context) {
            answerRead(read.request, index: read.index)
        }
    }

    private func answerRead(_ request: Message, index: UInt64) {
        if request.from == id {
            readStates.append(ReadState(index: index, context: readContext(of: request)))
        } else {
            var response = message(.readIndexResponse, to: request.from)
            response.index = index
            response.entries = request.entries
            send(response)
        }
    }

    /// Follower: the leader's answer to a forwarded read.
    func acceptReadIndexResponse(_ response: Message) {
        readStates.append(ReadState(index: response.index, context: readContext(of: response)))
    }

    private func readContext(of message: Message) -> [UInt8] { message.entries.first?.data ?? [] }
}
