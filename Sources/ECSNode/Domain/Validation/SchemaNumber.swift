/// A JSON number as a schema compares it: exactly, whether each side is an `Int64` or a `Double`.
///
/// Converting an `Int64` to `Double` rounds above 2^53, so `maximum: 9007199254740993` would
/// accept 9007199254740993.5 if both sides were doubles. Bounds are checked inside the replicated
/// state machine, so the answer must be exact, not merely usually right.
enum SchemaNumber: Sendable, Equatable, Comparable {
    case integer(Int64)
    case double(Double)

    /// The number in `value`, or `nil` when it is not a number.
    init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .double(let double): self = .double(double)
        default: return nil
        }
    }

    /// Whether it has no fractional part: JSON Schema's `integer`, which includes `1e20` (a
    /// `.double` because it does not fit in an `Int64`) but not `3.5`.
    var isWhole: Bool {
        switch self {
        case .integer: true
        case .double(let double): double.isFinite && double.rounded(.towardZero) == double
        }
    }

    /// The number in its canonical JSON form, for messages.
    var text: String {
        switch self {
        case .integer(let integer): String(integer)
        case .double(let double): ECMAScriptNumber.format(double)
        }
    }

    static func < (lhs: SchemaNumber, rhs: SchemaNumber) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let left), .integer(let right)): left < right
        case (.double(let left), .double(let right)): left < right
        case (.integer(let left), .double(let right)): compare(left, right) < 0
        case (.double(let left), .integer(let right)): compare(right, left) > 0
        }
    }

    /// The sign of `integer - double`, computed without rounding `integer`.
    private static func compare(_ integer: Int64, _ double: Double) -> Int {
        // 2^63 is exactly representable; every Int64 is below it and at or above -2^63.
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let floor = double.rounded(.down)
        let wholePart = Int64(floor)
        if integer != wholePart { return integer < wholePart ? -1 : 1 }
        return floor == double ? 0 : -1
    }
}
