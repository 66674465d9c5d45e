/// The answer to `POST /v1/cluster/isolate`: which node, and whether it is now cut off its
/// peers (for `seconds`) or back with them.
public struct IsolationState: Sendable, Equatable, Decodable {
    public var node: String
    public var isolated: Bool
    public var seconds: Int
}

/// The answer to a committed item write: the set's new version and the log index that
/// committed it (a node that has applied that index has the write).
public struct ItemWrite: Sendable, Equatable, Decodable {
    public var version: UInt64
    public var index: UInt64
}
