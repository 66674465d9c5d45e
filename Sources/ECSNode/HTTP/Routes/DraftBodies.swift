/// The JSON of the draft routes (`shared/spec/API.md`, "Drafts, review and publish"): the body
/// of `POST …/drafts`, and the answers that show a draft or its validation.
enum DraftBodies {
    /// The members a change of the request body may have.
    private static let changeMembers: Set<String> = ["op", "scope", "key", "value"]

    /// The draft a `POST …/drafts` body `{"message", "changes": [{"op", "scope", "key",
    /// "value"?}]}` asks for in the set at `address`; 400 listing every problem. The form is
    /// checked first (types, ops, scopes, a value for each `set` and none for a `delete`), then
    /// what `DraftCreate.violations` checks again at apply (names, scopes of the tenant, duplicates).
    static func create(from json: JSONValue, in address: SetAddress) throws(Problem) -> DraftCreate {
        let members = try JSONObjectBody.object(json, allowed: ["message", "changes"])
        var violations: [Violation] = []
        var message = ""
        switch members["message"] {
        case .string(let text)?: message = text
        case nil: violations.append(Violation(code: "required", path: "message", message: "message is required"))
        case _?: violations.append(Violation(code: "invalid-type", path: "message", message: "message is a string"))
        }
        var changes: [DraftChange] = []
        switch members["changes"] {
        case .array(let elements)?:
            if let count = DraftCreate.countViolation(elements.count) {
                violations.append(count)
            } else {
                for (position, element) in elements.enumerated() {
                    if let change = change(element, path: "changes[\(position)]", violations: &violations) {
                        changes.append(change)
                    }
                }
            }
        case nil: violations.append(Violation(code: "required", path: "changes", message: "changes is required"))
        case _?:
            violations.append(
                Violation(code: "invalid-type", path: "changes", message: "changes is an array of changes"))
        }
        guard violations.isEmpty else { throw .badRequest("the draft is malformed", violations: violations) }
        let draft = DraftCreate(address: address, message: message, changes: changes)
        let invalid = draft.violations
        guard invalid.isEmpty else { throw .badRequest("the draft is malformed", violations: invalid) }
        return draft
    }

    /// One change of the body at `path`, or `nil` after adding why it is not one to `violations`.
    private static func change(_ element: JSONValue, path: String, violations: inout [Violation]) -> DraftChange? {
        guard case .object(let members) = element else {
            violations.append(
                Violation(code: "invalid-type", path: path, message: "a change is an object {op, scope, key, value?}"))
            return nil
        }
        let unknown = members.keys.filter { !changeMembers.contains($0) }.sorted()
        violations += unknown.map {
            Violation(code: "unknown-field", path: "\(path).\($0)", message: "a change has op, scope, key and value")
        }
        do {
            let change = try DraftChange(json: element)
            return unknown.isEmpty ? change : nil
        } catch {
            violations.append(Violation(code: "invalid-change", path: path, message: error.reason))
            return nil
        }
    }

    /// `{"draftId", "tenant", "set", "author", "message", "createdAt", "baseVersion", "changes",
    /// "state": "open"|"published", "approvals": [{"by", "at"}], "published"?: {"version", "by",
    /// "at"}}`, times in RFC 3339.
    static func draft(_ receipt: DraftReceipt) -> JSONValue {
        let draft = receipt.draft
        var body: [String: JSONValue] = [
            "draftId": .string(draft.id.description), "tenant": .string(receipt.address.tenant),
            "set": .string(receipt.address.set), "author": .string(draft.author), "message": .string(draft.message),
            "createdAt": time(draft.createdAt), "baseVersion": .count(draft.baseVersion),
            "changes": .array(draft.changes.map(\.json)), "state": draft.isPublished ? "published" : "open",
            "approvals": .array(draft.approvals.map { ["by": .string($0.by), "at": time($0.at)] }),
        ]
        if let publication = draft.publication {
            body["published"] = [
                "version": .count(publication.version), "by": .string(publication.by), "at": time(publication.at),
            ]
        }
        return .object(body)
    }

    /// `{"draftId", "valid", "violations", "version"}`: whether draft `id` would publish onto
    /// `version`, the set's head (0: no version yet), and every violation if not — those of
    /// `refusal`, as the 422 of `…/publish` would list them.
    static func validation(of id: DraftID, refusal: Rejection?, version: UInt64) -> JSONValue {
        [
            "draftId": .string(id.description), "valid": .bool(refusal == nil),
            "violations": .array((refusal?.violations ?? []).map(\.json)), "version": .count(version),
        ]
    }

    private static func time(_ milliseconds: Int64) -> JSONValue {
        .string(RecordTime.text(milliseconds: milliseconds))
    }
}
