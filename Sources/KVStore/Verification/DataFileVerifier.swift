import Foundation

/// Checks an LMDB data file before LMDB reads it, so that a damaged file is refused with a
/// `StoreError` instead of crashing the process.
///
/// LMDB trusts its file: a damaged page in the middle of a tree can make it fail an assertion
/// (`SIGABRT`) or read outside the map (`SIGSEGV`/`SIGBUS`) the first time a cursor reaches it.
/// The verifier reads the file itself, with `pread` and bounds-checked Swift, and walks the
/// snapshot LMDB is about to use, page by page.
///
/// It runs in two steps because LMDB reads the meta pages inside `mdb_env_open` and trusts
/// them too (a page size of zero divides by zero there): `checkMetaPages` runs before
/// `mdb_env_open`, `verify` after it and before any transaction.
enum DataFileVerifier {
    /// How often `verify` starts over when another process commits while it reads.
    static let attempts = 3

    /// Checks the two meta pages of the data file at `path`. A missing or empty file passes:
    /// LMDB will create a new environment there.
    ///
    /// Throws `.notAnEnvironment` for a file that is not LMDB's, `.versionMismatch` for
    /// another format version, `.corrupted` for a damaged meta page.
    static func checkMetaPages(ofDataFileAt path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let reader = try DataFileReader(path: path)
        guard try reader.length() > 0 else { return }
        _ = try MetaPages.read(from: reader)
    }

    /// Walks every tree of the snapshot LMDB will open and checks every page it reaches.
    ///
    /// `maxKeySize` is the running liblmdb's key limit (`mdb_env_get_maxkeysize`). Throws
    /// `.corrupted` naming the path, the page and what is wrong; `.io` when the file cannot
    /// be read. When another process commits while the walk runs (LMDB may then reuse pages
    /// of the snapshot being walked), a failure is not trusted and the walk starts over on
    /// the new snapshot.
    @discardableResult
    static func verify(dataFileAt path: String, maxKeySize: Int) throws(StoreError) -> VerificationReport {
        let reader = try DataFileReader(path: path)
        var attempt = 0
        while true {
            attempt += 1
            let metas = try MetaPages.read(from: reader)
            let length = try reader.length()
            do {
                return try walk(metas.current, reader: reader, fileLength: length, maxKeySize: maxKeySize)
            } catch let corruption as Corruption {
                if attempt < attempts, let now = try? MetaPages.read(from: reader),
                    now.transactionIDs != metas.transactionIDs
                {
                    continue
                }
                throw StoreError(
                    kind: .corrupted, operation: "verify",
                    message: describe(
                        corruption, path: path, metas: metas, fileLength: length, maxKeySize: maxKeySize, reader: reader
                    ))
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(kind: .other, operation: "verify", message: "\(path): \(error)")
            }
        }
    }

    private static func walk(
        _ meta: MetaPage, reader: DataFileReader, fileLength: Int, maxKeySize: Int
    ) throws -> VerificationReport {
        var verifier = try TreeVerifier(reader: reader, meta: meta, fileLength: fileLength, maxKeySize: maxKeySize)
        return try verifier.run()
    }

    /// The message for a damaged snapshot: where, what, and whether the previous snapshot
    /// (the other meta page) is sound, which tells an operator that only the last commit was
    /// damaged (a torn write with deferred durability, say). LMDB 0.9 always opens the newest
    /// snapshot, so the previous one cannot simply be used instead.
    private static func describe(
        _ corruption: Corruption, path: String, metas: MetaPages, fileLength: Int, maxKeySize: Int,
        reader: DataFileReader
    ) -> String {
        let current = metas.current
        var message =
            "\(path): \(corruption) in the snapshot of txn \(current.transactionID) (meta page \(current.slot))"
        let previous = metas.previous
        if previous.transactionID < current.transactionID {
            let sound =
                (try? walk(previous, reader: reader, fileLength: fileLength, maxKeySize: maxKeySize)) != nil
            message +=
                sound
                ? "; the previous snapshot (txn \(previous.transactionID)) is sound, but LMDB always opens the "
                    + "newest one: restore the data folder from a copy or a peer"
                : "; the previous snapshot (txn \(previous.transactionID)) is damaged too"
        }
        return message
    }
}
