/// The state of one key: its value, or absent. `KeyValueModel` checks keys one at a time, so a
/// single register (not the whole map) is the state the checker memoizes, which keeps states small
/// and equal ones easy to recognise.
public struct Register<Value: Hashable & Sendable>: Hashable, Sendable, CustomStringConvertible {
    /// nil when the key is absent.
    public var value: Value?

    public init(_ value: Value?) {
        self.value = value
    }

    public var description: String {
        value.map { "\($0)" } ?? "absent"
    }
}
