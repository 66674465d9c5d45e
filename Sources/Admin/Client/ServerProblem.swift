import Foundation
import NIOHTTP1

/// A node's refusal, as its `application/problem+json` body (RFC 9457) says it:
/// `{"type", "title", "status", "detail", "violations"?}`, with the HTTP status as the authority
/// on `status`. An answer that is not a problem document (a proxy's error page, say) still
/// becomes one: the status's reason phrase as the title and the body's text as the detail.
public struct ServerProblem: Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var title: String
    public var detail: String?
    /// The `type` URN (`urn:ecs:problem:<code>`), when the node sent one.
    public var type: String?
    public var violations: [Violation]

    /// One reason a request body was refused.
    public struct Violation: Sendable, Equatable, Decodable {
        public var code: String
        public var path: String
        public var message: String

        public init(code: String, path: String, message: String) {
            self.code = code
            self.path = path
            self.message = message
        }
    }

    public init(status: Int, title: String, detail: String?, type: String? = nil, violations: [Violation] = []) {
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.violations = violations
    }

    /// The problem `response` describes.
    public init(_ response: AdminResponse) {
        if let document = try? JSONDecoder().decode(Document.self, from: Data(response.body)) {
            self.init(
                status: response.status, title: document.title, detail: document.detail, type: document.type,
                violations: document.violations ?? [])
        } else {
            let text = String(decoding: response.body.prefix(Self.maximumDetailBytes), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(
                status: response.status, title: HTTPResponseStatus(statusCode: response.status).reasonPhrase,
                detail: text.isEmpty ? nil : text)
        }
    }

    /// `401 Unauthorized: the token has expired`, then one line per violation.
    public var description: String {
        var text = "\(status) \(title)" + (detail.map { ": \($0)" } ?? "")
        for violation in violations {
            text += "\n  \(violation.path): \(violation.message) (\(violation.code))"
        }
        return text
    }

    /// How much of a body that is not a problem document is quoted as the detail.
    static let maximumDetailBytes = 512

    private struct Document: Decodable {
        var type: String?
        var title: String
        var detail: String?
        var violations: [Violation]?
    }
}
