import Crypto
import Foundation

/// JSON as a client verifying a signed config read sees it: decoded by Foundation's `JSONDecoder`
/// and written in RFC 8785 canonical form by this file alone, so the signature tests check the
/// server's bytes without its `JSONValue`, parser or canonical writer.
///
/// Numbers are limited to what the tests send: integers, and fractions whose shortest form has
/// no exponent (where Swift's and ECMAScript's number forms agree).
enum ClientJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([ClientJSON])
    case object([String: ClientJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([ClientJSON].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: ClientJSON].self))
        }
    }

    static func parse(_ bytes: some Sequence<UInt8>) throws -> ClientJSON {
        try JSONDecoder().decode(ClientJSON.self, from: Data(bytes))
    }

    /// A member of an object, `nil` for anything else.
    subscript(member: String) -> ClientJSON? {
        get { if case .object(let members) = self { members[member] } else { nil } }
        set {
            guard case .object(var members) = self else { return }
            members[member] = newValue
            self = .object(members)
        }
    }

    /// Whether this body's `signature` (base64 Ed25519) verifies with the raw public `key` over
    /// the canonical bytes of the body without `signature`: what a client of a config read checks.
    func signatureVerifies(with key: [UInt8]) throws -> Bool {
        guard case .string(let encoded)? = self["signature"], let signature = Data(base64Encoded: encoded) else {
            throw TestFailure("no base64 signature in \(self)")
        }
        var unsigned = self
        unsigned["signature"] = nil
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: key)
        return publicKey.isValidSignature(signature, for: unsigned.canonicalBytes)
    }

    /// RFC 8785: members sorted by UTF-16 code units, no whitespace, only the escapes JSON needs.
    var canonicalBytes: [UInt8] {
        Array(canonicalText.utf8)
    }

    private var canonicalText: String {
        switch self {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .double(let double):
            precondition(!double.description.contains("e"), "ClientJSON writes no exponent forms")
            return double == double.rounded() ? String(Int64(double)) : double.description
        case .string(let string): return Self.quoted(string)
        case .array(let elements): return "[" + elements.map(\.canonicalText).joined(separator: ",") + "]"
        case .object(let members):
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            return "{" + names.map { Self.quoted($0) + ":" + members[$0]!.canonicalText }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\u{09}": text += "\\t"
            case "\u{0A}": text += "\\n"
            case "\u{0C}": text += "\\f"
            case "\u{0D}": text += "\\r"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
