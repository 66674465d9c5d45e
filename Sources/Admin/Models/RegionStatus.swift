/// `GET /v1/cluster/status`: one node's view of its region — its role and term, the leader it
/// follows, how far its log is committed and applied, and the members. Match indexes and health
/// are the leader's knowledge; a follower reports only itself and its leader as healthy.
public struct RegionStatus: Sendable, Equatable, Decodable {
    /// The role of the node that answered.
    public enum Role: String, Sendable, Decodable {
        case leader, follower, candidate, learner
    }

    /// A member of the region.
    public struct Member: Sendable, Equatable, Decodable {
        /// Voters elect and commit; learners only replicate until promoted.
        public enum Role: String, Sendable, Decodable {
            case voter, learner
        }

        public var id: String
        /// `host:port` of its Raft listener.
        public var raftAddress: String
        /// `host:port` of its HTTP API; empty when this node has not learned it.
        public var httpAddress: String
        public var role: Role
        /// The last log index known to be replicated on it.
        public var matchIndex: UInt64
        public var healthy: Bool

        public init(
            id: String, raftAddress: String, httpAddress: String, role: Role, matchIndex: UInt64, healthy: Bool
        ) {
            self.id = id
            self.raftAddress = raftAddress
            self.httpAddress = httpAddress
            self.role = role
            self.matchIndex = matchIndex
            self.healthy = healthy
        }

        enum CodingKeys: String, CodingKey {
            case id, role, matchIndex, healthy
            case raftAddress = "raftAddr"
            case httpAddress = "httpAddr"
        }
    }

    public var node: String
    public var region: String
    public var role: Role
    public var term: UInt64
    /// The leader's id, when this node knows one.
    public var leader: String?
    public var commitIndex: UInt64
    public var appliedIndex: UInt64
    public var members: [Member]

    public init(
        node: String, region: String, role: Role, term: UInt64, leader: String?, commitIndex: UInt64,
        appliedIndex: UInt64, members: [Member]
    ) {
        self.node = node
        self.region = region
        self.role = role
        self.term = term
        self.leader = leader
        self.commitIndex = commitIndex
        self.appliedIndex = appliedIndex
        self.members = members
    }
}
