import Testing

@testable import ECSNode

/// One row of the endpoint walk: a request to one documented operation and the status it must
/// answer, with what else the answer must hold.
///
/// `request` builds whatever the case needs (its own set, draft or item, so that cases do not
/// depend on each other's leftovers) and sends the one request under test; `then` checks the
/// answer beyond its status. The walk itself checks the status and, for an error, that the
/// answer is `application/problem+json` whose `status` member agrees, of the `problem` type and
/// with a violation naming `violation` (by its code or its path) when the case gives them.
struct EndpointCase: Sendable, CustomStringConvertible {
    /// `METHOD /path` exactly as `openapi.json` writes it, e.g. `GET /v1/tenants/{tenant}`.
    let operation: String
    let status: Int
    let what: String
    /// The problem's `type` without `urn:ecs:problem:`, e.g. `approval-required`.
    let problem: String?
    /// A violation's `code` (`schema.type`) or `path` (`limit`) the problem must list.
    let violation: String?
    let request: @Sendable (EndpointWalk) async throws -> HTTPReply
    let then: @Sendable (HTTPReply, EndpointWalk) async throws -> Void

    init(
        _ operation: String, _ status: Int, _ what: String, problem: String? = nil, violation: String? = nil,
        request: @escaping @Sendable (EndpointWalk) async throws -> HTTPReply,
        then: @escaping @Sendable (HTTPReply, EndpointWalk) async throws -> Void = { _, _ in }
    ) {
        self.operation = operation
        self.status = status
        self.what = what
        self.problem = problem
        self.violation = violation
        self.request = request
        self.then = then
    }

    var description: String { "\(operation) → \(status) (\(what))" }

    /// Sends the request and checks the answer; every failure names the case.
    func run(on walk: EndpointWalk) async throws {
        let reply = try await request(walk)
        guard reply.status == status else {
            Issue.record("\(self): \(reply)")
            return
        }
        if status >= 400 {
            #expect(reply.header("Content-Type") == "application/problem+json", "\(self): \(reply.headers)")
            #expect(reply["status"] == .integer(Int64(status)), "\(self): \(reply)")
        }
        if let problem {
            #expect(reply.problemType == "urn:ecs:problem:\(problem)", "\(self): \(reply)")
        }
        if let violation {
            let named = reply.violations("code") + reply.violations("path")
            #expect(named.contains(violation), "\(self): \(reply)")
        }
        try await then(reply, walk)
    }
}

extension HTTPReply {
    /// The `type` of a problem answer, e.g. `urn:ecs:problem:approval-required`; nil when the
    /// body has none (the walk checks separately that every error body is a problem).
    var problemType: String? {
        if case .string(let type)? = self["type"] { type } else { nil }
    }

    /// The `member` (`path`, `code`) of each of a problem's violations, in order: what a 400
    /// blames, or which rule a 422 applied.
    func violations(_ member: String) -> [String] {
        guard case .array(let violations)? = self["violations"] else { return [] }
        return violations.compactMap { if case .string(let text)? = $0[member] { text } else { nil } }
    }
}
