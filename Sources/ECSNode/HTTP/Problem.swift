import HTTPTypes
import Hummingbird

/// An error answer in RFC 9457 form (`application/problem+json`):
/// `{"type", "title", "status", "detail", "violations"?}`.
///
/// Every refusal of the API is one of these, so clients parse one shape; `ProblemMiddleware`
/// turns every other error into one too.
struct Problem: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    /// A short kebab-case name of the kind of problem; the `type` URI is derived from it.
    var code: String
    var detail: String
    var violations: [Violation] = []
    var headers: HTTPFields = [:]

    /// The `type` member: a URN naming the kind of problem.
    var type: String { "urn:ecs:problem:\(code)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The problem as a response.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return JSONBody.response(status: status, body: body, headers: fields)
    }

    /// The JSON body, also written by handlers below the router (`ConnectionGuard`).
    var body: JSONValue {
        var members: [String: JSONValue] = [
            "type": .string(type),
            "title": .string(status.reasonPhrase),
            "status": .integer(Int64(status.code)),
            "detail": .string(detail),
        ]
        if !violations.isEmpty {
            members["violations"] = .array(violations.map(\.json))
        }
        return .object(members)
    }
}

extension Problem {
    static func badRequest(_ detail: String, violations: [Violation] = []) -> Problem {
        Problem(
            status: .badRequest, code: violations.isEmpty ? "bad-request" : "invalid-request", detail: detail,
            violations: violations)
    }

    static func unauthorized(_ detail: String) -> Problem {
        Problem(status: .unauthorized, code: "unauthorized", detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, code: "forbidden", detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, code: "not-found", detail: detail)
    }

    /// 404 `unknown-tenant`: the one answer about a tenant that does not exist, the same for
    /// reads, watches and writes (which get it from the state machine as a `Rejection`).
    static func unknownTenant(_ tenant: String) -> Problem {
        Problem(
            status: .notFound, code: Rejection.Reason.unknownTenant.rawValue,
            detail: Rejection.unknownTenantDetail(tenant))
    }

    /// 409: the request does not fit the current state (of the cluster, say).
    static func conflict(_ detail: String) -> Problem {
        Problem(status: .conflict, code: "conflict", detail: detail)
    }

    /// 503: certainly not done; the client may retry after `retryAfterSeconds`.
    static func unavailable(_ detail: String, retryAfterSeconds: Int = 1) -> Problem {
        Problem(
            status: .serviceUnavailable, code: "unavailable", detail: detail,
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// 504: proposed, but whether it was applied is unknown.
    static func outcomeUnknown(_ detail: String) -> Problem {
        Problem(status: .gatewayTimeout, code: "outcome-unknown", detail: detail)
    }

    /// 500: a bug on this side (never a client's mistake), such as an outcome that does not
    /// belong to the command that was proposed.
    static func internalError(_ detail: String) -> Problem {
        Problem(status: .internalServerError, code: "internal", detail: detail)
    }

    static func contentTooLarge(limit: Int) -> Problem {
        Problem(status: .contentTooLarge, code: "content-too-large", detail: "the request body exceeds \(limit) bytes")
    }
}
