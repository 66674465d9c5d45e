import Foundation

/// One change to the config state, as it travels through the Raft log.
///
/// The proposer stamps who (`actor`) and when (`issuedAt`, its wall clock) into the command, so
/// that applying it never reads a clock or a random source: every node applies the same bytes
/// to the same state and writes the same tables.
///
/// Wire form: a JSON object `{"v": 1, "type": "item.put", "actor", "at", "payload": {…}}`.
/// `v` is the format version and `type` names the action, so any node can tell a command it
/// does not understand (one from a newer release during a rolling upgrade) from a damaged one
/// and answer with a clear rejection rather than guess. New actions (tenants, drafts, policy…)
/// add a `type`; a change to an existing payload that old nodes cannot read bumps `v`.
struct Command: Equatable, Sendable {
    /// The format version this build writes and reads.
    static let formatVersion = 1

    /// What the command does.
    enum Action: Equatable, Sendable {
        /// Sets an item at one scope (`PUT …/items/{key}`).
        case putItem(ItemPut)
        /// Removes an item from one scope (`DELETE …/items/{key}`).
        case deleteItem(ItemDelete)
        /// Creates a tenant or changes its settings (`PUT /v1/tenants/{t}`).
        case putTenant(TenantPut)

        /// The wire name of the action.
        var typeName: String {
            switch self {
            case .putItem: "item.put"
            case .deleteItem: "item.delete"
            case .putTenant: "tenant.put"
            }
        }
    }

    /// The token subject that asked for the change.
    var actor: String
    /// The proposer's wall clock when it accepted the request, milliseconds since 1970.
    var issuedAt: Int64
    var action: Action

    /// The bytes to propose.
    func encoded() -> [UInt8] {
        let wire = Wire(v: Self.formatVersion, type: action.typeName, actor: actor, at: issuedAt, action: action)
        do {
            return try RecordCoding.encode(wire)
        } catch {
            preconditionFailure("a Command always encodes, this one did not: \(self): \(error)")
        }
    }

    /// Reads a command from the log. Throws rather than guessing when the bytes are not a
    /// command this build understands.
    static func decode(_ bytes: [UInt8]) throws(CommandDecodingError) -> Command {
        let data = Data(bytes)
        do {
            let wire = try decoder.decode(Wire.self, from: data)
            return Command(actor: wire.actor, issuedAt: wire.at, action: wire.action)
        } catch let error as CommandDecodingError {
            throw error
        } catch {
            // Only a failed decode pays for a second look, to say what kind of failure it is.
            guard let header = try? decoder.decode(Header.self, from: data) else {
                throw .malformed("not a command envelope: \(error)")
            }
            guard header.v == formatVersion else { throw .unsupportedVersion(header.v) }
            throw .malformed("a \(header.type) command does not decode: \(error)")
        }
    }

    /// One decoder for every command: a decoder holds no per-call state.
    private static let decoder = JSONDecoder()

    /// The part every version of the format shares.
    private struct Header: Decodable {
        var v: Int
        var type: String
    }

    private struct Wire: Codable {
        var v: Int
        var type: String
        var actor: String
        var at: Int64
        var action: Action

        private enum CodingKeys: String, CodingKey {
            case v, type, actor, at, payload
        }

        init(v: Int, type: String, actor: String, at: Int64, action: Action) {
            self.v = v
            self.type = type
            self.actor = actor
            self.at = at
            self.action = action
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            v = try container.decode(Int.self, forKey: .v)
            guard v == Command.formatVersion else { throw CommandDecodingError.unsupportedVersion(v) }
            type = try container.decode(String.self, forKey: .type)
            actor = try container.decode(String.self, forKey: .actor)
            at = try container.decode(Int64.self, forKey: .at)
            switch type {
            case "item.put": action = .putItem(try container.decode(ItemPut.self, forKey: .payload))
            case "item.delete": action = .deleteItem(try container.decode(ItemDelete.self, forKey: .payload))
            case "tenant.put": action = .putTenant(try container.decode(TenantPut.self, forKey: .payload))
            default: throw CommandDecodingError.unknownType(type)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(v, forKey: .v)
            try container.encode(type, forKey: .type)
            try container.encode(actor, forKey: .actor)
            try container.encode(at, forKey: .at)
            switch action {
            case .putItem(let put): try container.encode(put, forKey: .payload)
            case .deleteItem(let delete): try container.encode(delete, forKey: .payload)
            case .putTenant(let put): try container.encode(put, forKey: .payload)
            }
        }
    }
}

/// Sets `value` (any JSON, `null` included: a `null` hides the inherited value) at `address`.
struct ItemPut: Codable, Equatable, Sendable {
    var address: ItemAddress
    var value: JSONValue
    /// `If-Match`: the set's etag the client last saw (`*` = any existing version); the write is
    /// refused when the set has moved on. Checked at apply time, where it is race-free.
    var expectedETag: String?
}

/// Removes the item at `address`; refused with `notFound` when nothing is stored there.
struct ItemDelete: Codable, Equatable, Sendable {
    var address: ItemAddress
    /// `If-Match`, as for `ItemPut`.
    var expectedETag: String?
}

/// Why bytes from the log are not a command this build can apply.
enum CommandDecodingError: Error, Equatable, Sendable {
    /// Written by a newer (or unknown) release; `v` is the format version found.
    case unsupportedVersion(Int)
    /// A `type` this build does not know.
    case unknownType(String)
    /// Not a command at all, or a payload that does not decode.
    case malformed(String)
}
