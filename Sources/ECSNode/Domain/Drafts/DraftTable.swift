import KVStore

/// Reads and writes the `drafts` table: a tenant set's drafts, keyed by the set's id and the
/// draft's index (`TableKeys.draft`).
struct DraftTable {
    let tables: ConfigTables

    /// A draft as an action on it finds it: open, or the refusal of acting on it.
    enum Lookup {
        case open(DraftRecord)
        /// Unknown (404) or already published (409).
        case refused(Rejection)
    }

    /// Draft `id` of the set at `address`, or `nil` when the set has no such draft.
    func draft(_ id: DraftID, of address: SetAddress, in transaction: ReadTransaction) throws -> DraftRecord? {
        try transaction.get(key(of: id, address), in: tables.drafts).map {
            try RecordCoding.decode(DraftRecord.self, from: $0, table: ConfigTables.draftsName)
        }
    }

    /// Draft `id` when it is open, for what only an open draft allows: validate, approve, publish.
    func openDraft(_ id: DraftID, of address: SetAddress, in transaction: ReadTransaction) throws -> Lookup {
        guard let draft = try draft(id, of: address, in: transaction) else {
            return .refused(.unknownDraft(id.description, of: address))
        }
        guard let publication = draft.publication else { return .open(draft) }
        return .refused(
            Rejection(
                reason: .draftPublished,
                detail: "draft \(id) was published as version \(publication.version) of set '\(address.set)'; "
                    + "a draft is published once: create a new draft for further changes"))
    }

    /// Stores `draft`, replacing the record of the same id.
    func save(_ draft: DraftRecord, of address: SetAddress, in transaction: WriteTransaction) throws {
        try transaction.put(RecordCoding.encode(draft), forKey: key(of: draft.id, address), in: tables.drafts)
    }

    private func key(of id: DraftID, _ address: SetAddress) -> [UInt8] {
        TableKeys.draft(id, ofSet: TableKeys.setID(address.namespace, address.set))
    }
}

extension Rejection {
    /// The one wording of "no such draft" (`id` as the client spelled it), for reads and commands.
    static func unknownDraft(_ id: String, of address: SetAddress) -> Rejection {
        Rejection(
            reason: .notFound,
            detail: "set '\(address.set)' of tenant '\(address.tenant)' has no draft '\(id)'")
    }
}
