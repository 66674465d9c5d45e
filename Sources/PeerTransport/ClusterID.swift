/// The 16-byte identity of one ECS cluster (for example the bytes of a UUID chosen when the
/// cluster was bootstrapped). Peers compare it in the hello so that a node that was pointed
/// at the wrong cluster's address cannot join its elections.
public struct ClusterID: Sendable, Hashable {
    /// The first eight bytes, big-endian.
    public var high: UInt64
    /// The last eight bytes, big-endian.
    public var low: UInt64

    /// Creates an identity from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}
