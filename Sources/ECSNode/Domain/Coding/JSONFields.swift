/// The members of a JSON object being read as a record, with typed accessors whose errors name
/// the member, so a damaged record or a foreign log entry is reported precisely.
///
/// Required accessors throw when the member is absent or of another type; `optional…` ones
/// return `nil` when it is absent or `null`, and still throw when it has the wrong type.
struct JSONFields {
    private let members: [String: JSONValue]

    init(_ value: JSONValue) throws(RecordShapeError) {
        guard case .object(let members) = value else { throw RecordShapeError("expected a JSON object") }
        self.members = members
    }

    /// The member as it is (`null` included); absent throws.
    func value(_ name: String) throws(RecordShapeError) -> JSONValue {
        guard let value = members[name] else { throw RecordShapeError("member '\(name)' is missing") }
        return value
    }

    /// The member as it is (`null` included), or `nil` when absent: for values where a stored
    /// `null` differs from no value.
    func valueIfPresent(_ name: String) -> JSONValue? {
        members[name]
    }

    func string(_ name: String) throws(RecordShapeError) -> String {
        guard case .string(let text) = try value(name) else { throw mismatch(name, "a string") }
        return text
    }

    func optionalString(_ name: String) throws(RecordShapeError) -> String? {
        guard let value = present(name) else { return nil }
        guard case .string(let text) = value else { throw mismatch(name, "a string") }
        return text
    }

    func bool(_ name: String) throws(RecordShapeError) -> Bool {
        guard case .bool(let flag) = try value(name) else { throw mismatch(name, "true or false") }
        return flag
    }

    func int64(_ name: String) throws(RecordShapeError) -> Int64 {
        guard case .integer(let number) = try value(name) else { throw mismatch(name, "an integer") }
        return number
    }

    /// A non-negative integer (an index, version or count; see `JSONValue.count`).
    func count(_ name: String) throws(RecordShapeError) -> UInt64 {
        guard case .integer(let number) = try value(name), number >= 0 else {
            throw mismatch(name, "a non-negative integer")
        }
        return UInt64(number)
    }

    /// A string member read through `parse` (a scope, a namespace, an enumeration's raw value);
    /// `nil` from `parse` is reported as not being `expected`.
    func parsed<T>(_ name: String, as expected: String, _ parse: (String) -> T?) throws(RecordShapeError) -> T {
        guard let parsed = parse(try string(name)) else { throw mismatch(name, expected) }
        return parsed
    }

    func record<T: JSONRecord>(_ name: String, as type: T.Type = T.self) throws(RecordShapeError) -> T {
        try located(name) { () throws(RecordShapeError) in try T(json: try value(name)) }
    }

    func optionalRecord<T: JSONRecord>(_ name: String, as type: T.Type = T.self) throws(RecordShapeError) -> T? {
        guard let value = present(name) else { return nil }
        return try located(name) { () throws(RecordShapeError) in try T(json: value) }
    }

    /// An array of records; absent reads as empty, so lists added to a record later need no
    /// migration.
    func records<T: JSONRecord>(_ name: String, as type: T.Type = T.self) throws(RecordShapeError) -> [T] {
        guard let value = present(name) else { return [] }
        guard case .array(let elements) = value else { throw mismatch(name, "an array") }
        var records: [T] = []
        records.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            records.append(try located("\(name)[\(position)]") { () throws(RecordShapeError) in try T(json: element) })
        }
        return records
    }

    /// The member unless absent or `null`.
    private func present(_ name: String) -> JSONValue? {
        guard let value = members[name], value != .null else { return nil }
        return value
    }

    private func located<T>(_ path: String, _ body: () throws(RecordShapeError) -> T) throws(RecordShapeError) -> T {
        do {
            return try body()
        } catch {
            throw error.inside(path)
        }
    }

    private func mismatch(_ name: String, _ expected: String) -> RecordShapeError {
        RecordShapeError("member '\(name)' must be \(expected)")
    }
}

extension JSONFields {
    /// A scope in its API text form (`env:prod`).
    func scope(_ name: String) throws(RecordShapeError) -> Scope {
        try parsed(name, as: "a scope", { Scope(parsing: $0) })
    }

    /// A namespace in its text form (a tenant id, or `*`).
    func namespace(_ name: String) throws(RecordShapeError) -> Namespace {
        try parsed(name, as: "a namespace", Namespace.init(parsing:))
    }
}
