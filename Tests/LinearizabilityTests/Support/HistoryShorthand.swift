import Linearizability

/// The model the tests check: string keys and values, as the config store has.
typealias StringModel = KeyValueModel<String, String>
typealias StringOperation = Operation<StringModel.Input, StringModel.Output>

/// Hand-written histories read like the timelines they describe: `write("x", "1", by: 1, 0...10)`
/// is client 1 writing x=1, invoked at 0 and acknowledged at 10.
func write(_ key: String, _ value: String, by client: Int, _ span: ClosedRange<UInt64>) -> StringOperation {
    completed(.write(key, value), by: client, span, .ok)
}

/// A write that timed out: invoked at `invokedAt`, outcome unknown.
func unknownWrite(_ key: String, _ value: String, by client: Int, at invokedAt: UInt64) -> StringOperation {
    unknown(.write(key, value), by: client, at: invokedAt)
}

/// A read of `key` that returned `value` (nil: absent).
func read(_ key: String, _ value: String?, by client: Int, _ span: ClosedRange<UInt64>) -> StringOperation {
    completed(.read(key), by: client, span, .value(value))
}

/// A read that got no response.
func unknownRead(_ key: String, by client: Int, at invokedAt: UInt64) -> StringOperation {
    unknown(.read(key), by: client, at: invokedAt)
}

/// A delete of `key`, acknowledged.
func delete(_ key: String, by client: Int, _ span: ClosedRange<UInt64>) -> StringOperation {
    completed(.delete(key), by: client, span, .ok)
}

/// Checks with a timeout no test should come near, so `.unknown` always means a bug.
func check(_ history: [StringOperation]) -> CheckResult {
    LinearizabilityChecker.check(history, model: StringModel(), timeout: .seconds(60))
}

/// The explanation of a result the test expects to be a violation, or nil.
func violation(in result: CheckResult) -> Explanation? {
    guard case .notLinearizable(let explanation) = result else { return nil }
    return explanation
}

/// A call invoked at `span.lowerBound` that answered `output` at `span.upperBound`.
func completed(
    _ input: StringModel.Input, by client: Int, _ span: ClosedRange<UInt64>, _ output: StringModel.Output
) -> StringOperation {
    Operation(
        clientID: client, input: input, invokedAt: span.lowerBound, outcome: .completed(output, at: span.upperBound))
}

/// A call invoked at `invokedAt` whose outcome is unknown.
func unknown(_ input: StringModel.Input, by client: Int, at invokedAt: UInt64) -> StringOperation {
    Operation(clientID: client, input: input, invokedAt: invokedAt, outcome: .unknown)
}
