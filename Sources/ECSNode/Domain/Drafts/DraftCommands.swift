/// `POST /v1/tenants/{t}/sets/{set}/drafts` `{"message", "changes"}`: stores a new open draft.
///
/// Creating a draft checks only its form (`violations`), never the set's schema: a draft may be
/// invalid when created, `…/validate` says so, and `…/publish` refuses it while it is.
struct DraftCreate: Equatable, Sendable {
    /// The most changes one draft holds.
    static let maximumChanges = 1000
    /// The longest message, in bytes of UTF-8 (bytes, not characters: counting characters
    /// depends on the Unicode tables of the build, and every node must agree).
    static let maximumMessageBytes = 1024

    var address: SetAddress
    var message: String
    var changes: [DraftChange]

    /// Everything wrong with the draft's form; empty when it is well formed. Checked by the HTTP
    /// layer (400 with these violations) and again by `apply`, which never trusts a log entry
    /// more than a request. The set's names are checked with the tenant (`lookUpTenant`).
    var violations: [Violation] {
        var found: [Violation] = []
        if !(1...Self.maximumMessageBytes).contains(message.utf8.count) {
            found.append(
                Violation(
                    code: "invalid-message", path: "message",
                    message: "a draft says why in 1 to \(Self.maximumMessageBytes) bytes of text"))
        }
        if let count = Self.countViolation(changes.count) { return found + [count] }
        var positions: [String: Int] = [:]
        for (position, change) in changes.enumerated() {
            let path = "changes[\(position)]"
            let item = ItemAddress(namespace: address.namespace, set: address.set, scope: change.scope, key: change.key)
            found += item.violations.filter { $0.path != "set" }.map {
                Violation(code: $0.code, path: "\(path).\($0.path)", message: $0.message)
            }
            let identity = "\(change.scope)\u{0}\(change.key)"
            if let first = positions[identity] {
                found.append(
                    Violation(
                        code: "duplicate-change", path: path,
                        message: "changes[\(first)] already changes this key at this scope; a draft changes each "
                            + "key at each scope once"))
            } else {
                positions[identity] = position
            }
        }
        return found
    }

    /// The violation of a draft with `count` changes, or `nil` when it is 1 to `maximumChanges`.
    static func countViolation(_ count: Int) -> Violation? {
        guard !(1...maximumChanges).contains(count) else { return nil }
        return Violation(
            code: "invalid-changes", path: "changes",
            message: "a draft holds 1 to \(maximumChanges) changes; it has \(count)")
    }
}

/// `POST …/drafts/{id}/approve` and `…/publish`: the draft they act on.
struct DraftReference: Equatable, Sendable {
    var address: SetAddress
    var id: DraftID
}

extension DraftCreate: JSONRecord {
    var json: JSONValue {
        ["address": address.json, "message": .string(message), "changes": .array(changes.map(\.json))]
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        message = try fields.string("message")
        changes = try fields.records("changes")
    }
}

extension DraftReference: JSONRecord {
    var json: JSONValue { ["address": address.json, "draft": .string(id.description)] }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        id = try fields.parsed("draft", as: "a draft id", { DraftID(parsing: $0) })
    }
}
