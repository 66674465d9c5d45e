import Raft

/// An index with the term of the entry there: the point the log was compacted through, whose
/// term must stay known after the entry is gone so that the next entry can still be matched
/// (Raft paper §7, "last included index and term").
struct LogPosition: Sendable, Hashable {
    var index: UInt64
    var term: UInt64

    /// Nothing compacted yet: index 0, term 0, before the first entry of every log.
    static let origin = LogPosition(index: 0, term: 0)
}
