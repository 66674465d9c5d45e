/// One page of a set's version list, oldest first.
struct VersionPage: Equatable, Sendable {
    var versions: [VersionRecord]
    /// The version to pass as `after` for the next page; `nil` on the last page.
    var next: UInt64?
}

extension SetHistory {
    /// The versions after `after`, ascending, at most `limit` (> 0) of them.
    ///
    /// One more key than asked for is read (its value is not decoded) to learn whether a next
    /// page exists, rather than trusting the head to be the last key of the table.
    func versions(after: UInt64, limit: Int) throws -> VersionPage {
        precondition(limit > 0 && limit < .max, "SetHistory: a page holds 1 to Int.max - 1 versions")
        guard after < head.headVersion else { return VersionPage(versions: [], next: nil) }
        let entries = try transaction.entries(
            in: tables.versions, range: versionKeys(after: after, through: head.headVersion), limit: limit + 1)
        let versions = try entries.prefix(limit).map { try Self.decode($0.value) }
        return VersionPage(versions: versions, next: entries.count > limit ? versions.last?.version : nil)
    }
}
