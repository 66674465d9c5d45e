/// The name of the region a node serves, short enough for the one-byte length of the hello
/// frame. Making the limit part of the type means an encoder never meets a name it cannot
/// write.
public struct RegionName: Sendable, Hashable {
    /// The most UTF-8 bytes a name may have.
    public static let maxUTF8Count = Int(UInt8.max)

    /// The name itself.
    public let value: String

    /// Creates a region name, or returns nil when its UTF-8 form exceeds `maxUTF8Count`.
    public init?(_ value: String) {
        guard value.utf8.count <= Self.maxUTF8Count else { return nil }
        self.value = value
    }
}
