/// A key-value store as a map of independent registers: `write(key, value)` and `delete(key)`
/// answer `ok`, `read(key)` answers the value or absent.
///
/// The map is checked one key at a time (`partition`), so `State` is a single key's `Register`.
public struct KeyValueModel<Key: Hashable & Sendable, Value: Hashable & Sendable>: Model {
    public typealias Input = KeyValueInput<Key, Value>
    public typealias Output = KeyValueOutput<Value>

    public init() {}

    public var initialState: Register<Value> { Register(nil) }

    public func step(_ state: Register<Value>, _ input: Input, _ output: Output?) -> Register<Value>? {
        switch (input.resultingState, output) {
        case (let next?, nil), (let next?, .ok?):
            return next
        case (nil, nil):
            return state
        case (nil, .value(let read)?):
            return read == state.value ? state : nil
        case (_?, .value?), (nil, .ok?):
            // A write answered with a value or a read answered `ok`: a recording mistake, and no
            // order can explain it, so the history is reported rather than silently accepted.
            return nil
        }
    }

    public func effect(of input: Input) -> OperationEffect {
        input.resultingState == nil ? .read : .overwrite
    }
}
