import CLMDB

/// An error from the LMDB layer, typed so that callers can react to the cases that matter
/// (a full map, a foreign or damaged data folder) while operators still get LMDB's own words.
///
/// `code` is LMDB's return code (or an `errno`, which LMDB passes through for system calls);
/// it is `0` when ECS itself detected the problem, for example a data file shorter than its
/// own metadata says it is.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the categories a caller can act on.
    public enum Kind: Sendable, Equatable {
        /// The folder or file is not an LMDB environment (wrong magic, wrong kind of file).
        case notAnEnvironment
        /// The environment's pages contradict each other or the file is shorter than they claim.
        case corrupted
        /// The files were written by an incompatible LMDB version or build.
        case versionMismatch
        /// The memory map is full and may not grow any further (`maxMapSize` reached).
        case mapFull
        /// Every reader slot is taken; raise `maxReaders` or find the leaked transactions.
        case readersFull
        /// More named databases were opened than `maxDatabases` allows.
        case tooManyDatabases
        /// A named database that was asked for without `create` does not exist.
        case databaseNotFound
        /// A key is empty or longer than LMDB's maximum key size.
        case invalidKey
        /// A write transaction touched more pages than LMDB can track in one transaction.
        case transactionFull
        /// An operation from the operating system failed (disk full, permissions, I/O error).
        case io
        /// Any other LMDB failure; `code` and the message say which.
        case other
    }

    public let kind: Kind
    /// LMDB's return code or an `errno`; `0` when ECS detected the problem itself.
    public let code: Int32
    /// The operation that failed, e.g. `mdb_env_open` or `put`.
    public let operation: String
    /// A readable explanation, including the path where one applies.
    public let message: String

    public init(kind: Kind, code: Int32 = 0, operation: String, message: String) {
        self.kind = kind
        self.code = code
        self.operation = operation
        self.message = message
    }

    /// Wraps an LMDB return code, keeping LMDB's own message and adding the caller's context.
    init(lmdbCode code: Int32, operation: String, context: String? = nil) {
        let lmdbMessage = String(cString: mdb_strerror(code))
        let message = context.map { "\($0): \(lmdbMessage)" } ?? lmdbMessage
        self.init(kind: Self.kind(ofLMDBCode: code), code: code, operation: operation, message: message)
    }

    public var description: String {
        code == 0 ? "\(operation): \(message)" : "\(operation): \(message) (code \(code))"
    }

    private static func kind(ofLMDBCode code: Int32) -> Kind {
        switch code {
        case MDB_INVALID: .notAnEnvironment
        case MDB_CORRUPTED, MDB_PAGE_NOTFOUND: .corrupted
        case MDB_VERSION_MISMATCH, MDB_INCOMPATIBLE: .versionMismatch
        case MDB_MAP_FULL: .mapFull
        case MDB_READERS_FULL: .readersFull
        case MDB_DBS_FULL: .tooManyDatabases
        case MDB_NOTFOUND: .databaseNotFound
        case MDB_BAD_VALSIZE: .invalidKey
        case MDB_TXN_FULL: .transactionFull
        case 1...: .io
        default: .other
        }
    }
}

/// Turns a non-zero LMDB return code into a thrown `StoreError`.
@inline(__always)
func check(
    _ code: Int32, _ operation: @autoclosure () -> String, context: @autoclosure () -> String? = nil
) throws(StoreError) {
    if code != 0 {
        throw StoreError(lmdbCode: code, operation: operation(), context: context())
    }
}
