/// A call on a key-value store. Every call names exactly one key, which is what lets
/// `KeyValueModel` check each key on its own.
public enum KeyValueInput<Key: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
    case write(Key, Value)
    case read(Key)
    case delete(Key)

    public var key: Key {
        switch self {
        case .write(let key, _), .read(let key), .delete(let key): key
        }
    }

    /// What the key holds after this call takes effect whatever it held before, or nil for a
    /// read, which changes nothing. Writes and deletes are blind, which is what lets
    /// `KeyValueModel.partition` reason about unknown outcomes.
    var resultingState: Register<Value>? {
        switch self {
        case .write(_, let value): Register(value)
        case .delete: Register(nil)
        case .read: nil
        }
    }
}

/// A key-value store's answer: writes and deletes acknowledge, reads return the value or absent.
public enum KeyValueOutput<Value: Hashable & Sendable>: Hashable, Sendable {
    case ok
    /// The value read; nil means the key was absent.
    case value(Value?)
}

extension KeyValueInput: CustomStringConvertible {
    public var description: String {
        switch self {
        case .write(let key, let value): "write(\(key), \(value))"
        case .read(let key): "read(\(key))"
        case .delete(let key): "delete(\(key))"
        }
    }
}

extension KeyValueOutput: CustomStringConvertible {
    public var description: String {
        switch self {
        case .ok: "ok"
        case .value(let value?): "\(value)"
        case .value(nil): "absent"
        }
    }
}
