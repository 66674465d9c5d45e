/// Keeps plaintext credentials out of the store: every string anywhere inside a value must
/// either not look like a credential or be a `@secret:<uri>` reference to one.
///
/// It applies to every value, whether or not its set has a schema. Findings have code
/// `secret.plaintext`, and their messages name what the string looks like but never repeat it,
/// so that the 422 (and any log of it) does not leak the secret it refuses.
enum SecretGuard {
    /// How a reference starts: `@secret:vault://kv/payments#db`.
    static let referencePrefix = "@secret:"

    /// Whether `text` is a reference, `@secret:<uri>` with a non-empty URI and no whitespace.
    static func isSecretReference(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.starts(with: referencePrefix.unicodeScalars) else { return false }
        let uri = scalars.dropFirst(referencePrefix.unicodeScalars.count)
        return !uri.isEmpty && !uri.contains { $0.properties.isWhitespace }
    }

    /// Every plaintext credential in `value`, stored under the item key `key`, with paths under
    /// `path` (e.g. `env:prod/db.url`, then `env:prod/db.url#/replicas/0` inside the value).
    static func violations(key: String, value: JSONValue, path: String) -> [Violation] {
        findings(key: key, value: value).map { $0.violation(under: path) }
    }

    /// The findings of `violations(key:value:path:)`, in document order, at most one per string.
    static func findings(key: String, value: JSONValue) -> [Finding] {
        var findings: [Finding] = []
        scan(value, name: key, at: .root, into: &findings)
        return findings
    }

    /// Walks the value; a string is judged with the name it is stored under: the item key at the
    /// top, the member name inside an object, the enclosing name for array elements.
    private static func scan(_ value: JSONValue, name: String, at pointer: JSONPointer, into findings: inout [Finding])
    {
        switch value {
        case .string(let text):
            if let message = problem(in: text, name: name) {
                findings.append(Finding(pointer: pointer, code: "secret.plaintext", message: message))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                scan(element, name: name, at: pointer.appending(index), into: &findings)
            }
        case .object(let members):
            for member in members.keys.sorted(by: { $0.utf8Precedes($1) }) {
                scan(members[member]!, name: member, at: pointer.appending(member), into: &findings)
            }
        case .null, .bool, .integer, .double:
            return
        }
    }

    private static func problem(in text: String, name: String) -> String? {
        guard !text.isEmpty, !isSecretReference(text) else { return nil }
        if let kind = SecretDetector.kind(in: text) {
            return "This looks like a plaintext \(kind). Store it in a secret manager and write its "
                + "@secret:<uri> reference here instead."
        }
        if CredentialName.matches(name) {
            return "\"\(name)\" names a credential, so its value must be a @secret:<uri> reference, "
                + "not the secret itself."
        }
        return nil
    }
}
