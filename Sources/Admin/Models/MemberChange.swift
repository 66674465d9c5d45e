/// The answer to adding, promoting or removing a member: who, and the log index that committed
/// the change (the new membership is in force from there on).
public struct MemberChange: Sendable, Equatable, Decodable {
    public var id: String
    public var index: UInt64

    public init(id: String, index: UInt64) {
        self.id = id
        self.index = index
    }
}

/// The answer to a leadership transfer: the voter now leading.
public struct LeadershipTransfer: Sendable, Equatable, Decodable {
    public var leader: String
}
