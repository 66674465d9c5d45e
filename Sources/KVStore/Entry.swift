/// One key and its value, copied out of the memory map so it outlives the transaction.
public struct Entry: Sendable, Hashable {
    public var key: [UInt8]
    public var value: [UInt8]

    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// Whether a scan goes on after the entry it just handed over.
public enum ScanDecision: Sendable {
    case `continue`
    case stop
}
