import Admin
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading the parts of a request that every route shares, each failure a 400 (or 413) problem.
enum RequestParsing {
    /// A path parameter that must be a valid name (tenant, set).
    static func name(_ parameter: String, in context: some RequestContext) throws(Problem) -> String {
        let value = context.parameters.get(parameter) ?? ""
        guard Names.isValidName(value) else {
            throw .badRequest(
                "'\(value)' is not a valid \(parameter) name",
                violations: [
                    Violation(code: "invalid-name", path: parameter, message: "names match ^[a-z0-9][a-z0-9-]{0,62}$")
                ])
        }
        return value
    }

    /// A path parameter that must be a version number (`…/versions/{version}`).
    static func version(_ parameter: String, in context: some RequestContext) throws(Problem) -> UInt64 {
        let text = context.parameters.get(parameter) ?? ""
        guard let version = number(text) else {
            throw .badRequest(
                "'\(text)' is not a version number",
                violations: [
                    Violation(code: "invalid-version", path: parameter, message: "versions are numbered 1, 2, 3…")
                ])
        }
        return version
    }

    /// A number as the API reads it in paths and queries: decimal digits only (no sign, no
    /// spaces), at most `Int64.max` like every number of its JSON; `nil` for anything else.
    static func number(_ text: some StringProtocol) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int64(text)
        else { return nil }
        return UInt64(value)
    }

    /// The item key of an `…/items/{key}` route: everything after `items/`, percent-decoded, so
    /// that `a/b/c` sent raw (several path segments) and `a%2Fb%2Fc` are the same key. A key
    /// without `%` is taken as it is: Foundation's decoding costs more than the rest of the
    /// request's parsing, and almost every key is plain.
    static func itemKey(in context: some RequestContext) throws(Problem) -> String {
        let raw = context.parameters[Parameters.recursiveCaptureKey].map(String.init) ?? ""
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        guard let key = raw.removingPercentEncoding else {
            throw .badRequest(
                "the key '\(raw)' is not validly percent-encoded",
                violations: [
                    Violation(code: "invalid-key", path: "key", message: "the key is not validly percent-encoded")
                ])
        }
        return key
    }

    /// The scope of a write: `?scope=`, `tenant` when absent on a tenant route.
    static func scope(_ request: Request, default defaultScope: Scope?) throws(Problem) -> Scope {
        guard let text = request.uri.queryParameters.get("scope") else {
            guard let defaultScope else {
                throw .badRequest(
                    "scope is required",
                    violations: [
                        Violation(code: "required", path: "scope", message: "give scope=global or scope=edition:E")
                    ])
            }
            return defaultScope
        }
        guard let scope = Scope(parsing: text) else {
            throw .badRequest(
                "'\(text)' is not a scope",
                violations: [
                    Violation(
                        code: "invalid-scope", path: "scope",
                        message: "scopes are global, edition:E, tenant, env:E or app:E/A with valid names")
                ])
        }
        return scope
    }

    /// The whole body, at most `limit` bytes (413 beyond).
    static func body(of request: Request, limit: Int) async throws(Problem) -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .contentTooLarge(limit: limit)
        } catch {
            throw .badRequest("the request body could not be read: \(error)")
        }
    }

    /// The body as one JSON value (400 when it is not JSON).
    static func jsonValue(_ body: ByteBuffer) throws(Problem) -> JSONValue {
        do {
            return try JSONValue.parse(body.readableBytesView)
        } catch {
            throw .badRequest("the body is not JSON: \(error.reason)")
        }
    }

    /// `If-Match` as the etag a write expects (`*` for any version), `nil` when absent.
    static func expectedETag(_ request: Request) throws(Problem) -> String? {
        guard let header = request.headers[.ifMatch] else { return nil }
        switch EntityTags.parse(header) {
        case .any: return "*"
        case .tags(let tags) where tags.count == 1: return tags[0]
        case .tags: throw .badRequest("If-Match must name one etag (or *)")
        case nil: throw .badRequest("If-Match holds no etag")
        }
    }

    /// The `Idempotency-Key` header, `nil` when absent; 400 when it is sent twice or is not 1–255
    /// visible ASCII characters.
    static func idempotencyKey(_ request: Request) throws(Problem) -> String? {
        let values = request.headers[values: .idempotencyKey]
        guard values.count <= 1 else { throw .badRequest("send one Idempotency-Key, not \(values.count)") }
        guard let key = values.first else { return nil }
        let violations = IdempotencyClaim.violations(ofKey: key)
        guard violations.isEmpty else { throw .badRequest("the Idempotency-Key is invalid", violations: violations) }
        return key
    }

    /// The proposer time stamped into a command: milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// A `sets=a,b` list: the names in it, or `nil` when one of them is not a valid set name
    /// (an empty item included, so `sets=` and `sets=a,,b` are refused rather than guessed at).
    static func setNames(_ text: String) -> [String]? {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return names.allSatisfy(Names.isValidName) ? names : nil
    }
}
