import KVStore

/// Reads a set's schema and policy (the `schemas` and `policies` tables) inside a transaction.
struct SetRules {
    let tables: ConfigTables
    let transaction: ReadTransaction

    /// The stored schema of (namespace, set), or `nil` when it has none.
    func schemaRecord(of namespace: Namespace, _ set: String) throws -> SchemaRecord? {
        try transaction.get(TableKeys.set(namespace, set), in: tables.schemas).map(Self.decodeSchema)
    }

    /// The compiled schema of (namespace, set), from `cache` when it holds it: `nil` when the set
    /// has none, a failure when the stored document does not compile with this build (one that
    /// checks more than the build that stored it), which writes report rather than stop the node.
    func schema(
        of namespace: Namespace, _ set: String, cache: SchemaCache
    ) throws -> Result<ConfigSchema, SchemaDocumentError>? {
        guard let bytes = try transaction.get(TableKeys.set(namespace, set), in: tables.schemas) else { return nil }
        do {
            // Decoded only on a miss: a hit costs a hash of the bytes, no parse.
            return .success(
                try cache.schema(storedAs: bytes) { try ConfigSchema(document: Self.decodeSchema(bytes).document) })
        } catch let error as SchemaDocumentError {
            return .failure(error)
        }
    }

    /// The policy of (namespace, set), or `nil` when it has none.
    func policy(of namespace: Namespace, _ set: String) throws -> SetPolicy? {
        try transaction.get(TableKeys.set(namespace, set), in: tables.policies).map {
            try RecordCoding.decode(SetPolicy.self, from: $0, table: ConfigTables.policiesName)
        }
    }

    private static func decodeSchema(_ bytes: [UInt8]) throws -> SchemaRecord {
        try RecordCoding.decode(SchemaRecord.self, from: bytes, table: ConfigTables.schemasName)
    }
}
