/// Every error the Raft module reports. Typed so that callers can switch exhaustively.
public enum RaftError: Error, Sendable, Hashable {
    /// The leader refused a proposal: a leadership transfer is in progress (thesis §3.10),
    /// the uncommitted log is full (thesis §10.2.1), or the leader was removed.
    case proposalDropped
    /// This replica cannot accept the request because it is not the leader; `hint` is the
    /// leader it knows of, if any (thesis §6.2, clients find the leader).
    case notLeader(hint: NodeID?)
    /// Storage: the requested index precedes the first retained entry (§7).
    case compacted
    /// Storage: the requested index is beyond the last entry.
    case unavailable
    /// Storage: the snapshot is older than the one already held.
    case snapshotOutOfDate
    /// Storage: a snapshot is being produced; the leader retries later.
    case snapshotTemporarilyUnavailable
    /// Storage failed in a way Raft cannot recover from (I/O error, corruption).
    case storageFailure(String)
    /// The configuration handed to `RaftNode.init` is inconsistent.
    case invalidConfig(ConfigProblem)
    /// A membership change is not allowed in the current configuration (thesis §4).
    case invalidConfChange(ConfChangeRejection)
    /// The bytes of a `.confChange` entry do not decode.
    case malformedConfChange
    /// A response arrived from a replica that is not part of the configuration.
    case unknownPeer(NodeID)
}

/// Why a `RaftConfig` is refused.
public enum ConfigProblem: Sendable, Hashable {
    /// Zero is reserved for "no node".
    case zeroNodeID
    /// Heartbeats need a positive interval.
    case heartbeatTickNotPositive
    /// Elections must take longer than heartbeats or leaders lose leadership spuriously
    /// (Raft paper §5.6, broadcastTime ≪ electionTimeout).
    case electionTickNotGreaterThanHeartbeatTick
    /// The in-flight window must allow at least one message.
    case maxInflightMessagesNotPositive
    /// The byte window must admit at least one full-size message.
    case maxInflightBytesBelowMessageSize
    /// Lease-based reads rely on the leader stepping down when it loses its quorum
    /// (thesis §6.4.1), so they require check-quorum.
    case leaseReadsRequireCheckQuorum
    /// `applied` is beyond the commit index found in storage.
    case appliedBeyondCommit(applied: UInt64, commit: UInt64)
}

/// Why a membership change is refused (thesis §4.1 safety rules, §4.3 joint consensus).
public enum ConfChangeRejection: Sendable, Hashable {
    /// A previous change at `index` is not applied yet; only one may be pending (§4.1).
    case changePending(index: UInt64, applied: UInt64)
    /// Cannot enter a joint configuration while in one.
    case alreadyJoint
    /// Cannot leave a joint configuration while not in one.
    case notJoint
    /// A joint configuration needs voters to start from.
    case zeroVoterJoint
    /// The change would leave no voter.
    case removedAllVoters
    /// Changing more than one voter at once requires joint consensus (thesis §4.3).
    case multipleVoterChangesWithoutJoint
    /// A `Bootstrap` lists the node both as a voter and as a non-voting learner (§4.2.1).
    case voterAndLearner(NodeID)
}
