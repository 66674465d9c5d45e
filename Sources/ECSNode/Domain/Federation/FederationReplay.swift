/// `federation.apply`: one command another region applied, replayed here so that this region's
/// copy of the command's namespace (a `replicated` tenant, or the platform's namespace and the
/// tenant directory) follows the original.
///
/// Each replay names the position it continues from (`after`: the outbox index of the previous
/// command this region replayed from `region`) and its own (`index`). The state machine applies
/// a replay only when `after` is exactly the stored position, so replays that arrive twice (a
/// new leader pulling again), out of order or after a gap change nothing: the puller reads the
/// position and pulls again. That is what makes federation ordered, idempotent and resumable.
struct FederationReplay: Equatable, Sendable {
    /// The region that applied the command first (its home).
    var region: String
    /// The outbox index of the command this replay follows.
    var after: UInt64
    /// The outbox index of this command in `region`.
    var index: UInt64
    /// The command as `region` logged it; `nil` to move past an entry this region must not
    /// apply (directory or platform changes from a region that does not own them).
    var command: Command?
}

extension FederationReplay: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "region": .string(region), "after": .count(after), "index": .count(index), "command": command?.json,
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        region = try fields.string("region")
        after = try fields.count("after")
        index = try fields.count("index")
        command = try fields.valueIfPresent("command").map { value throws(RecordShapeError) in
            do {
                return try Command(json: value)
            } catch {
                throw RecordShapeError("\(error)").inside("command")
            }
        }
    }
}
