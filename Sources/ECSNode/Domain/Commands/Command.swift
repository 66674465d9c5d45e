/// One change to the config state, as it travels through the Raft log.
///
/// The proposer stamps who (`actor`) and when (`issuedAt`, its wall clock) into the command, so
/// that applying it never reads a clock or a random source: every node applies the same bytes
/// to the same state and writes the same tables.
///
/// Wire form: a JSON object `{"v": 1, "type": "item.put", "actor", "at", "payload": {…}, "idem"?: {…}}`.
/// `v` is the format version and `type` names the action, so any node can tell a command it
/// does not understand (one from a newer release during a rolling upgrade) from a damaged one
/// and answer with a clear rejection rather than guess. New actions (tenants, drafts, policy…)
/// add a `type`; a change to an existing payload that old nodes cannot read bumps `v`. Optional
/// members such as `idem` stay within `v` 1: absent means "none", so older entries still decode.
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
        /// Gives a set a JSON Schema (`PUT …/sets/{set}/schema`).
        case putSchema(SchemaPut)
        /// Removes a set's JSON Schema (`DELETE …/sets/{set}/schema`).
        case deleteSchema(SchemaDelete)
        /// Sets a set's review policy (`PUT …/sets/{set}/policy`).
        case putPolicy(PolicyPut)
        /// Publishes a new version whose layers equal an earlier one's (`POST …/rollback`).
        case rollback(SetRollback)
        /// Stores a new draft of a set (`POST …/drafts`).
        case createDraft(DraftCreate)
        /// Records an approval of a draft (`POST …/drafts/{id}/approve`).
        case approveDraft(DraftReference)
        /// Publishes a draft as a new version (`POST …/drafts/{id}/publish`).
        case publishDraft(DraftReference)
        /// Records the reads and HTTP-level refusals a node counted in one window (`AccessReport`).
        case recordAccess(AccessReport)
        /// Replays a command another region applied, to keep this region's copy (`FederationReplay`).
        indirect case replay(FederationReplay)

        /// The wire name of the action.
        var typeName: String {
            switch self {
            case .putItem: "item.put"
            case .deleteItem: "item.delete"
            case .putTenant: "tenant.put"
            case .putSchema: "set.schema.put"
            case .deleteSchema: "set.schema.delete"
            case .putPolicy: "set.policy.put"
            case .rollback: "set.rollback"
            case .createDraft: "draft.create"
            case .approveDraft: "draft.approve"
            case .publishDraft: "draft.publish"
            case .recordAccess: "audit.access"
            case .replay: "federation.apply"
            }
        }
    }

    /// The token subject that asked for the change.
    var actor: String
    /// The proposer's wall clock when it accepted the request, milliseconds since 1970.
    var issuedAt: Int64
    var action: Action
    /// The client's `Idempotency-Key` with the digest of its request (`idem`), when it sent one.
    var idempotency: IdempotencyClaim? = nil

    /// The bytes to propose.
    func encoded() -> [UInt8] {
        json.canonicalBytes
    }

    /// The command as a JSON object (also how a `federation.apply` carries another region's).
    var json: JSONValue {
        JSONValue.object(omittingAbsent: [
            "v": .integer(Int64(Self.formatVersion)), "type": .string(action.typeName), "actor": .string(actor),
            "at": .integer(issuedAt), "payload": action.payload, "idem": idempotency?.json,
        ])
    }

    /// Reads a command from the log. Throws rather than guessing when the bytes are not a
    /// command this build understands: the format version is checked first, then the type,
    /// and only then the payload.
    static func decode(_ bytes: [UInt8]) throws(CommandDecodingError) -> Command {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw .malformed("not a command envelope: \(error)")
        }
        return try Command(json: json)
    }
}

extension Command {
    /// Reads a command from its JSON object, as `decode` does from bytes.
    init(json: JSONValue) throws(CommandDecodingError) {
        let envelope: JSONFields
        let version: Int64
        let type: String
        do {
            envelope = try JSONFields(json)
            version = try envelope.int64("v")
            type = try envelope.string("type")
        } catch {
            throw .malformed("not a command envelope: \(error)")
        }
        guard version == Self.formatVersion else { throw .unsupportedVersion(Int(clamping: version)) }
        do {
            guard let action = try Action(type: type, payload: envelope.value("payload")) else {
                throw CommandDecodingError.unknownType(type)
            }
            self.init(
                actor: try envelope.string("actor"), issuedAt: try envelope.int64("at"), action: action,
                idempotency: try envelope.optionalRecord("idem"))
        } catch let error as CommandDecodingError {
            throw error
        } catch {
            throw .malformed("a \(type) command does not decode: \(error)")
        }
    }
}

extension Command.Action {
    /// The action's payload as JSON.
    var payload: JSONValue {
        switch self {
        case .putItem(let put): put.json
        case .deleteItem(let delete): delete.json
        case .putTenant(let put): put.json
        case .putSchema(let put): put.json
        case .deleteSchema(let delete): delete.json
        case .putPolicy(let put): put.json
        case .rollback(let rollback): rollback.json
        case .createDraft(let create): create.json
        case .approveDraft(let reference), .publishDraft(let reference): reference.json
        case .recordAccess(let report): report.json
        case .replay(let replay): replay.json
        }
    }

    /// Reads the payload of a command of `type`; `nil` when this build knows no such type.
    init?(type: String, payload: JSONValue) throws(RecordShapeError) {
        switch type {
        case "item.put": self = .putItem(try ItemPut(json: payload))
        case "item.delete": self = .deleteItem(try ItemDelete(json: payload))
        case "tenant.put": self = .putTenant(try TenantPut(json: payload))
        case "set.schema.put": self = .putSchema(try SchemaPut(json: payload))
        case "set.schema.delete": self = .deleteSchema(try SchemaDelete(json: payload))
        case "set.policy.put": self = .putPolicy(try PolicyPut(json: payload))
        case "set.rollback": self = .rollback(try SetRollback(json: payload))
        case "draft.create": self = .createDraft(try DraftCreate(json: payload))
        case "draft.approve": self = .approveDraft(try DraftReference(json: payload))
        case "draft.publish": self = .publishDraft(try DraftReference(json: payload))
        case "audit.access": self = .recordAccess(try AccessReport(json: payload))
        case "federation.apply": self = .replay(try FederationReplay(json: payload))
        default: return nil
        }
    }
}

/// Sets `value` (any JSON, `null` included: a `null` hides the inherited value) at `address`.
struct ItemPut: Equatable, Sendable {
    var address: ItemAddress
    var value: JSONValue
    /// `If-Match`: the set's etag the client last saw (`*` = any existing version); the write is
    /// refused when the set has moved on. Checked at apply time, where it is race-free.
    var expectedETag: String?
}

/// Removes the item at `address`; refused with `notFound` when nothing is stored there.
struct ItemDelete: Equatable, Sendable {
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
