/// What the verifier found in a sound data file: which snapshot it checked and what the
/// snapshot holds. For logs, operators and tests (which compare it with LMDB's own figures).
struct VerificationReport: Sendable, Equatable {
    /// The snapshot that was checked: the one LMDB's transactions will read.
    var transactionID: UInt64
    /// The meta page (0 or 1) of that snapshot.
    var metaPage: Int
    var pageSize: Int
    var lastPage: UInt64
    var branchPages = 0
    var leafPages = 0
    /// Every page of every overflow run.
    var overflowPages = 0
    /// Pages listed in the free list.
    var freePages = 0
    /// Entries of the main database (named databases included, as their records).
    var mainEntries = 0
    /// Entries (duplicates counted one by one) of each named database, by name.
    var databases: [String: Int] = [:]
    /// The tree depth LMDB records for the main database and each named one, by name (`""`
    /// for the main database).
    var depths: [String: Int] = [:]

    /// Pages that are neither in use nor free. LMDB leaves none behind in normal operation,
    /// but they are harmless, so they are only counted.
    var unaccountedPages: Int {
        Int(lastPage) + 1 - Int(PageLayout.metaPageCount) - branchPages - leafPages - overflowPages - freePages
    }
}
