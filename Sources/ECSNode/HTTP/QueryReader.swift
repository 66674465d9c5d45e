import Hummingbird

/// Reads typed query parameters, collecting one violation per mistake so that a single 400
/// names every bad parameter rather than the first.
struct QueryReader {
    private let parameters: Parameters
    private(set) var violations: [Violation] = []

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// The 400 naming every violation found.
    var refusal: Problem {
        .badRequest("the query parameters are invalid", violations: violations)
    }

    /// `consistency=linearizable|local`; `linearizable` when absent.
    mutating func consistency() -> ReadConsistency {
        guard let text = parameters.get("consistency") else { return .linearizable }
        guard let consistency = ReadConsistency(rawValue: text) else {
            invalid("consistency", "consistency is linearizable or local")
            return .linearizable
        }
        return consistency
    }

    /// The version number `name`; `nil` when it is absent (a violation when `required`) or invalid.
    mutating func version(_ name: String, required: Bool) -> UInt64? {
        guard let text = parameters.get(name) else {
            if required { violations.append(Violation(code: "required", path: name, message: "\(name) is required")) }
            return nil
        }
        guard let version = RequestParsing.number(text) else {
            invalid(name, "\(name) is a version number")
            return nil
        }
        return version
    }

    /// The count `name` within `range`; `defaultValue` when absent or invalid (a violation).
    mutating func count(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) -> Int {
        guard let text = parameters.get(name) else { return defaultValue }
        guard let number = RequestParsing.number(text), let count = Int(exactly: number), range.contains(count)
        else {
            invalid(name, "\(name) is \(range.lowerBound) to \(range.upperBound)")
            return defaultValue
        }
        return count
    }

    private mutating func invalid(_ path: String, _ message: String) {
        violations.append(Violation(code: "invalid-parameter", path: path, message: message))
    }
}
