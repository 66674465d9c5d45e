/// One draft of a tenant's set (`POST …/sets/{set}/drafts`), in the `drafts` table: a list of
/// changes proposed together, reviewed (`…/approve`) and published as one version (`…/publish`).
///
/// A draft's changes never change after it is created, so an approval always covers exactly what
/// will be published. What changes is its review state: approvals are added, and publishing
/// marks it published for good (a draft is published at most once).
struct DraftRecord: Equatable, Sendable {
    var id: DraftID
    /// The token subject that created it; it may not approve it, and it is the author of the
    /// version it publishes.
    var author: String
    var message: String
    /// The proposer's time of its creation, milliseconds since 1970.
    var createdAt: Int64
    /// The set's head version when it was created (0: the set had no version yet). Informative:
    /// a draft publishes onto the head as it is then, whatever it was based on.
    var baseVersion: UInt64
    /// At least one; each (scope, key) at most once, so their order does not change the result.
    var changes: [DraftChange]
    /// In the order given; one per approver.
    var approvals: [DraftApproval] = []
    /// `nil` while the draft is open.
    var publication: DraftPublication? = nil

    var isPublished: Bool { publication != nil }
}

/// One proposed item change: `value` `nil` deletes the key at `scope` (a JSON `null` is a value,
/// which hides an inherited one).
struct DraftChange: Equatable, Sendable {
    var scope: Scope
    var key: String
    var value: JSONValue?

    var op: Change.Operation { value == nil ? .delete : .set }

    /// The change as `VersionPublisher` and `Guardrails` take it.
    var mutation: VersionPublisher.Mutation {
        VersionPublisher.Mutation(scope: scope, key: key, value: value)
    }
}

/// Someone other than the author approved the draft.
struct DraftApproval: Equatable, Sendable {
    /// The approver's token subject.
    var by: String
    /// The proposer's time of the approval, milliseconds since 1970.
    var at: Int64
    /// The Raft log index of the entry that recorded it.
    var index: UInt64
}

/// How a draft was published.
struct DraftPublication: Equatable, Sendable {
    /// The version of the set it published.
    var version: UInt64
    /// The token subject that published it.
    var by: String
    /// The proposer's time of the publication, milliseconds since 1970.
    var at: Int64
    /// The Raft log index of the entry that published it.
    var index: UInt64
}
