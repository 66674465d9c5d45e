/// A half-open interval of keys, `[lower, upper)`, in LMDB's lexicographic byte order.
///
/// Scans take a range rather than a start key and a count so that prefix scans (every key of
/// one tenant, every version of one set) and numbered ranges (log entries `lo..<hi`) read the
/// same way forwards and in reverse.
public struct KeyRange: Sendable, Equatable {
    /// The smallest key included; `nil` means from the first key.
    public var lower: [UInt8]?
    /// The first key excluded; `nil` means through the last key.
    public var upper: [UInt8]?

    public init(lower: [UInt8]? = nil, upper: [UInt8]? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// Every key of the database.
    public static let all = KeyRange()

    /// Every key that starts with `prefix`.
    public static func prefix(_ prefix: [UInt8]) -> KeyRange {
        KeyRange(lower: prefix, upper: successor(ofPrefix: prefix))
    }

    /// Keys from `lower` (included) to `upper` (excluded).
    public static func from(_ lower: [UInt8], to upper: [UInt8]) -> KeyRange {
        KeyRange(lower: lower, upper: upper)
    }

    /// Whether `key` lies inside the range.
    public func contains(_ key: [UInt8]) -> Bool {
        if let lower, key.lexicographicallyPrecedes(lower) { return false }
        if let upper, !key.lexicographicallyPrecedes(upper) { return false }
        return true
    }

    /// The smallest key greater than every key that starts with `prefix`, or `nil` when no such
    /// key exists (the prefix is empty or all `0xFF`).
    private static func successor(ofPrefix prefix: [UInt8]) -> [UInt8]? {
        var bound = prefix
        while let last = bound.last {
            if last < 0xFF {
                bound[bound.count - 1] = last + 1
                return bound
            }
            bound.removeLast()
        }
        return nil
    }
}
