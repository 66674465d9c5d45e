import KVStore

/// How far federation has come, in two tables written inside the apply transaction:
///
/// - `federation-positions`: per remote region, the outbox index of the last command replayed
///   from it (`FederationPosition`). A puller resumes after it; a replay that does not continue
///   from it is refused (`FederationReplay`).
/// - `federation-versions`: per namespace, how many shared changes it has had
///   (`FederationVersion`). The home region counts the changes it shares as it applies them;
///   every other region counts the ones it replays — so the two numbers of a namespace are
///   equal exactly when the copy has caught up, which is what drift reports per tenant.
///   Directory changes (`tenant.put`) count under the platform namespace, whose region owns them.
struct FederationProgress {
    let positions: Database
    let versions: Database

    init(tables: ConfigTables) {
        positions = tables.federationPositions
        versions = tables.federationVersions
    }

    /// Where replay from `region` stands (index 0 when nothing was replayed yet).
    func position(of region: String, in transaction: ReadTransaction) throws -> FederationPosition {
        try transaction.get(Array(region.utf8), in: positions).map {
            try RecordCoding.decode(FederationPosition.self, from: $0, table: ConfigTables.federationPositionsName)
        } ?? FederationPosition(region: region, index: 0, at: 0)
    }

    /// Every region replayed from, by name.
    func positions(in transaction: ReadTransaction) throws -> [FederationPosition] {
        try transaction.entries(in: positions, range: .all).map {
            try RecordCoding.decode(
                FederationPosition.self, from: $0.value, table: ConfigTables.federationPositionsName)
        }
    }

    func store(_ position: FederationPosition, in transaction: WriteTransaction) throws {
        try transaction.put(RecordCoding.encode(position), forKey: Array(position.region.utf8), in: positions)
    }

    /// The shared changes counted for `namespace` (version 0 when none).
    func version(of namespace: Namespace, in transaction: ReadTransaction) throws -> FederationVersion {
        try transaction.get(Array(namespace.description.utf8), in: versions).map {
            try RecordCoding.decode(FederationVersion.self, from: $0, table: ConfigTables.federationVersionsName)
        } ?? FederationVersion(namespace: namespace, version: 0, index: 0, at: 0)
    }

    /// Every namespace's count, in namespace order.
    func versions(in transaction: ReadTransaction) throws -> [FederationVersion] {
        try transaction.entries(in: versions, range: .all).map {
            try RecordCoding.decode(FederationVersion.self, from: $0.value, table: ConfigTables.federationVersionsName)
        }
    }

    /// Counts one more shared change of `namespace`: the command applied at home at outbox
    /// `index`, proposed at `at`.
    func count(_ namespace: Namespace, index: UInt64, at: Int64, in transaction: WriteTransaction) throws {
        var counted = try version(of: namespace, in: transaction)
        counted.version += 1
        counted.index = index
        counted.at = at
        try transaction.put(RecordCoding.encode(counted), forKey: Array(namespace.description.utf8), in: versions)
    }
}

/// The last command replayed from `region`: its outbox index there, and when it was proposed
/// (the home proposer's clock, milliseconds since 1970).
struct FederationPosition: Equatable, Sendable {
    var region: String
    var index: UInt64
    var at: Int64
}

/// How many shared changes `namespace` has had, and the home outbox index and time of the last.
struct FederationVersion: Equatable, Sendable {
    var namespace: Namespace
    var version: UInt64
    var index: UInt64
    var at: Int64
}

extension FederationPosition: JSONRecord {
    var json: JSONValue { .object(["region": .string(region), "index": .count(index), "at": .integer(at)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        region = try fields.string("region")
        index = try fields.count("index")
        at = try fields.int64("at")
    }
}

extension FederationVersion: JSONRecord {
    var json: JSONValue {
        .object([
            "namespace": .string(namespace.description), "version": .count(version), "index": .count(index),
            "at": .integer(at),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        namespace = try fields.namespace("namespace")
        version = try fields.count("version")
        index = try fields.count("index")
        at = try fields.int64("at")
    }
}
