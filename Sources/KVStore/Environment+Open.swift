import CLMDB
import Foundation

extension Environment {
    /// The name LMDB gives the data file inside an environment's folder.
    static let dataFileName = "data.mdb"

    /// Opens the environment in the folder at `path`, creating it when it is missing and
    /// `options.createIfMissing` allows.
    ///
    /// A folder holding something other than a sound LMDB environment — a plain file, garbage,
    /// a data file cut short or damaged inside — is refused with a `StoreError` that names the
    /// path, never with a crash. LMDB trusts its file: it would fault on the first read of a
    /// page past the end of a truncated file, and abort or read out of bounds on a damaged
    /// page. So, before LMDB reads anything but the meta pages:
    ///
    /// 1. the two meta pages are checked (`.notAnEnvironment`, `.versionMismatch` or
    ///    `.corrupted`), before `mdb_env_open`, which trusts them too;
    /// 2. with `options.verifyOnOpen` (the default), every page of the snapshot LMDB is about
    ///    to use is checked by `DataFileVerifier` (`.corrupted`, naming the page and what is
    ///    wrong). `open` returns only after it passed, so no transaction ever sees an unchecked
    ///    page that was on disk when the environment was opened.
    ///
    /// Reader slots left behind by crashed processes are reclaimed (`mdb_reader_check`).
    public static func open(at path: String, options: EnvironmentOptions = EnvironmentOptions()) throws -> Environment {
        try prepareFolder(at: path, options: options)
        let dataFile = (path as NSString).appendingPathComponent(dataFileName)
        try DataFileVerifier.checkMetaPages(ofDataFileAt: dataFile)
        var created: OpaquePointer?
        try check(mdb_env_create(&created), "mdb_env_create")
        guard let handle = created else {
            throw StoreError(kind: .other, operation: "mdb_env_create", message: "LMDB returned no environment")
        }
        do {
            try configure(handle, options: options, path: path)
            let environmentInfo = try info(of: handle)
            if options.verifyOnOpen {
                // mdb_env_open has read only the meta pages; nothing has read a tree page yet.
                try DataFileVerifier.verify(dataFileAt: dataFile, maxKeySize: Int(mdb_env_get_maxkeysize(handle)))
            }
            var staleReaders: Int32 = 0
            try check(mdb_reader_check(handle, &staleReaders), "mdb_reader_check", context: path)
            return Environment(
                handle: handle, path: path, options: options,
                mapSize: environmentInfo.mapSize, staleReadersCleared: Int(staleReaders))
        } catch {
            mdb_env_close(handle)
            throw error
        }
    }

    private static func prepareFolder(at path: String, options: EnvironmentOptions) throws {
        var isDirectory: ObjCBool = false
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(
                    kind: .notAnEnvironment, operation: "open",
                    message: "\(path) is a file, not a data folder")
            }
            let dataFile = (path as NSString).appendingPathComponent(dataFileName)
            if !options.createIfMissing && !fileManager.fileExists(atPath: dataFile) {
                throw StoreError(
                    kind: .notAnEnvironment, operation: "open",
                    message: "\(path) holds no LMDB environment (no \(dataFileName))")
            }
            return
        }
        guard options.createIfMissing else {
            throw StoreError(kind: .notAnEnvironment, operation: "open", message: "no data folder at \(path)")
        }
        do {
            try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                kind: .io, operation: "open",
                message: "cannot create the data folder \(path): \(error.localizedDescription)")
        }
    }

    private static func configure(_ handle: OpaquePointer, options: EnvironmentOptions, path: String) throws {
        guard options.mapSize > 0, options.maxMapSize >= options.mapSize else {
            throw StoreError(
                kind: .other, operation: "open",
                message: "mapSize must be positive and no larger than maxMapSize")
        }
        try check(mdb_env_set_mapsize(handle, roundedToMebibytes(options.mapSize)), "mdb_env_set_mapsize")
        try check(mdb_env_set_maxdbs(handle, MDB_dbi(options.maxDatabases)), "mdb_env_set_maxdbs")
        try check(mdb_env_set_maxreaders(handle, UInt32(options.maxReaders)), "mdb_env_set_maxreaders")
        // MDB_NOTLS ties reader slots to transactions rather than threads, so read transactions
        // may be served from any thread of the pool.
        var flags = UInt32(MDB_NOTLS)
        if options.durability == .deferred { flags |= UInt32(MDB_NOSYNC) }
        if options.writesThroughMap { flags |= UInt32(MDB_WRITEMAP) }
        try check(mdb_env_open(handle, path, flags, 0o600), "mdb_env_open", context: path)
    }

    private static func info(of handle: OpaquePointer) throws -> EnvironmentInfo {
        var environmentInfo = MDB_envinfo()
        var statistics = MDB_stat()
        try check(mdb_env_info(handle, &environmentInfo), "mdb_env_info")
        try check(mdb_env_stat(handle, &statistics), "mdb_env_stat")
        return EnvironmentInfo(environmentInfo, statistics)
    }
}
