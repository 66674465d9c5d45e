/// The checks every JSON-object request body shares: an object, no member it does not know.
enum JSONObjectBody {
    /// The members of a JSON object with no members but `allowed` (a typo is a 400, not ignored).
    static func object(_ json: JSONValue, allowed: Set<String>) throws(Problem) -> [String: JSONValue] {
        guard case .object(let members) = json else { throw .badRequest("the body must be a JSON object") }
        let unknown = members.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .badRequest(
                "the body has unknown members",
                violations: unknown.map {
                    Violation(
                        code: "unknown-field", path: $0,
                        message: "allowed members: \(allowed.sorted().joined(separator: ", "))")
                })
        }
        return members
    }

    /// A 400 about one member.
    static func invalid(_ path: String, code: String, _ message: String) -> Problem {
        .badRequest(message, violations: [Violation(code: code, path: path, message: message)])
    }
}
