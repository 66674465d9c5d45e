/// A value kept as JSON in the config tables or carried in the Raft log, converted by hand
/// through `JSONValue` rather than with `Codable`.
///
/// Why by hand: every node decodes each command and encodes several records while applying it,
/// on the write path. Profiles of a loaded cluster showed Foundation's `JSONEncoder` and
/// `JSONDecoder` (generic containers, metadata lookups, an error thrown and caught for each
/// alternative a `JSONValue` might be) taking about a fifth of every node's CPU. The hand-written
/// forms parse with `JSONParser` and write RFC 8785 canonical bytes, so a record's bytes are the
/// same on every node by construction.
protocol JSONRecord {
    /// The record as JSON; optional members that are absent are left out.
    var json: JSONValue { get }
    /// Reads the record, throwing a `RecordShapeError` that names what does not fit.
    init(json: JSONValue) throws(RecordShapeError)
}

extension JSONRecord {
    /// The canonical bytes of the record.
    var jsonBytes: [UInt8] { json.canonicalBytes }

    /// Parses `bytes` as JSON and reads the record from it.
    init(jsonBytes bytes: [UInt8]) throws(RecordShapeError) {
        try self.init(json: JSONValue.parseRecord(bytes))
    }
}

/// Why a JSON value is not the record expected: the member path and what is wrong there.
struct RecordShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    /// The same error, located inside member `name`.
    func inside(_ name: String) -> RecordShapeError {
        RecordShapeError("\(name): \(reason)")
    }

    var description: String { reason }
}

extension JSONValue {
    /// Parses bytes that should hold a record; bytes that are not JSON at all are a shape error
    /// like any other.
    static func parseRecord(_ bytes: [UInt8]) throws(RecordShapeError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw RecordShapeError("not JSON: \(error.reason)")
        }
    }

    /// A log index, version or count as a JSON integer. They never reach 2^63 (at a billion a
    /// second that takes 292 years), which keeps them exact in every JSON reader.
    static func count(_ value: UInt64) -> JSONValue {
        guard let exact = Int64(exactly: value) else {
            preconditionFailure("\(value) is beyond the JSON integers ECS writes (2^63 - 1)")
        }
        return .integer(exact)
    }

    /// An object without the members whose value is `nil`: how records leave out what is absent.
    /// Takes the members as literal pairs rather than a dictionary, so that every record written
    /// on the apply path hashes its member names once, not twice.
    static func object(omittingAbsent members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var present: [String: JSONValue] = [:]
        present.reserveCapacity(members.count)
        for (name, value) in members {
            if let value { present[name] = value }
        }
        return .object(present)
    }
}
