import CLMDB

/// A named database (an LMDB sub-database) inside an `Environment`: one table of the store,
/// such as the Raft log or the config versions.
///
/// The handle stays valid for the life of the environment that opened it; using it with
/// another environment is a programming error.
public struct Database: Sendable, Hashable {
    let handle: MDB_dbi
    /// The name the database was opened with.
    public let name: String
}
