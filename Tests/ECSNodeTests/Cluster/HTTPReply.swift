import Foundation
import NIOHTTP1

@testable import ECSNode

/// One HTTP answer with its body fully read: what the cluster tests assert on.
struct HTTPReply: Sendable, CustomStringConvertible {
    let status: Int
    let headers: HTTPHeaders
    let body: Data

    var isSuccess: Bool { (200..<300).contains(status) }
    var text: String { String(decoding: body, as: UTF8.self) }
    var description: String { "HTTP \(status) \(text)" }

    /// The body as JSON (throws when it is not).
    var json: JSONValue {
        get throws { try JSONValue.parse(body) }
    }

    /// A member of a JSON object body; nil when absent or the body is no JSON object.
    subscript(member: String) -> JSONValue? {
        (try? json)?[member]
    }

    /// The first value of a header, e.g. `X-ECS-Index`.
    func header(_ name: String) -> String? { headers.first(name: name) }

    /// The body as `T`; a wrong status is reported with the body, which usually says why.
    func decode<T: Decodable>(_ type: T.Type, expecting statuses: Set<Int> = [200]) throws -> T {
        guard statuses.contains(status) else { throw UnexpectedReply(reply: self, expected: statuses) }
        return try JSONDecoder().decode(type, from: body)
    }
}

struct UnexpectedReply: Error, CustomStringConvertible {
    let reply: HTTPReply
    let expected: Set<Int>
    var description: String { "expected HTTP \(expected.sorted()), got \(reply)" }
}
