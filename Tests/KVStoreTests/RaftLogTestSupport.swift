import Foundation
import Raft

@testable import KVStore

/// The Raft log entry (KVStore has an `Entry` of its own, a key and a value).
typealias LogEntry = Raft.Entry

/// What a `Storage` call answered, comparable across implementations: the value, or the kind
/// of error (messages differ between implementations and are checked separately).
enum Answer<Value: Equatable>: Equatable, CustomStringConvertible {
    case value(Value)
    case failure(ErrorKind)

    /// `body`'s answer; it throws only `RaftError` (closures cannot say so without a type
    /// annotation at every call).
    init(_ body: () throws -> Value) {
        do {
            self = .value(try body())
        } catch let error as RaftError {
            self = .failure(ErrorKind(error))
        } catch {
            preconditionFailure("not a RaftError: \(error)")
        }
    }

    var description: String {
        switch self {
        case .value(let value): "\(value)"
        case .failure(let kind): "error \(kind)"
        }
    }
}

/// `RaftError` without the message of `.storageFailure`.
enum ErrorKind: Equatable {
    case compacted, unavailable, snapshotOutOfDate, storageFailure
    case other(RaftError)

    init(_ error: RaftError) {
        switch error {
        case .compacted: self = .compacted
        case .unavailable: self = .unavailable
        case .snapshotOutOfDate: self = .snapshotOutOfDate
        case .storageFailure: self = .storageFailure
        default: self = .other(error)
        }
    }
}

/// The message of the `.storageFailure` that `body` throws, or `nil` when it throws nothing
/// or something else.
func storageFailureMessage<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch RaftError.storageFailure(let message) {
        return message
    } catch {
        return nil
    }
}

/// A Raft log store in a temporary folder, reopened on demand, removed by `remove()`.
///
/// Only one store is open on the folder at a time: LMDB must not open one environment twice
/// in a process.
final class RaftLogFixture {
    let folder: TemporaryFolder
    let options: EnvironmentOptions
    let journalCapacity: Int
    private(set) var store: RaftLogStore?

    var path: String { folder.child("raft") }
    var journalPath: String { path + "/" + RaftJournal.fileName }

    /// `durable: false` uses `.deferred` commits and journal appends, for tests that commit
    /// thousands of times (reopening in the same process still sees every write). The journal
    /// is small (64 KiB unless said otherwise), so that tests reach checkpoints and wraps.
    init(durable: Bool = true, journalCapacity: Int = 64 << 10, _ purpose: String = #function) throws {
        folder = try TemporaryFolder(purpose)
        var options = EnvironmentOptions()
        if !durable { options.durability = .deferred }
        options.mapSize = 1 << 20
        self.options = options
        self.journalCapacity = journalCapacity
        store = try RaftLogStore.open(at: path, options: options, journalCapacity: journalCapacity)
    }

    /// The open store.
    var log: RaftLogStore { store! }

    /// Drops the store (closing its environment) and opens the folder again.
    @discardableResult
    func reopen() throws(RaftError) -> RaftLogStore {
        store = nil
        store = try RaftLogStore.open(at: path, options: options, journalCapacity: journalCapacity)
        return store!
    }

    /// Opens the files as they are now, as the next start finds them after the process died:
    /// without the checkpoint the store makes when it goes away, so the journal is replayed.
    /// `edit` may damage the copied journal first (given its path).
    @discardableResult
    func restart(editingJournal edit: (String) throws -> Void = { _ in }) throws(RaftError) -> RaftLogStore {
        let files = FileManager.default
        let crashed = folder.child("crashed")
        try! files.copyItem(atPath: path, toPath: crashed)
        try! files.removeItem(atPath: crashed + "/lock.mdb")
        store = nil
        try! files.removeItem(atPath: path)
        try! files.moveItem(atPath: crashed, toPath: path)
        try! edit(journalPath)
        store = try RaftLogStore.open(at: path, options: options, journalCapacity: journalCapacity)
        return store!
    }

    /// Closes the store; `reopen()` opens it again.
    func close() {
        store = nil
    }

    /// Runs `body` on the closed store's environment with plain KVStore calls (to damage it).
    func withRawEnvironment<T>(_ body: (Environment) throws -> T) throws -> T {
        close()
        let environment = try Environment.open(at: path, options: options)
        return try body(environment)
    }

    func remove() {
        store = nil
        folder.remove()
    }
}

extension LogEntry {
    /// An entry whose payload names its index and term, so mix-ups show in failures.
    static func sample(_ index: UInt64, term: UInt64, size: Int? = nil, kind: Kind = .normal) -> LogEntry {
        var data = Array("\(index)@\(term)".utf8)
        if let size { data = Array(repeating: UInt8(truncatingIfNeeded: index), count: size) }
        return LogEntry(index: index, term: term, kind: kind, data: data)
    }

    /// Entries `range`, all of `term`.
    static func samples(_ range: ClosedRange<UInt64>, term: UInt64) -> [LogEntry] {
        range.map { sample($0, term: term) }
    }
}

/// The kind of `RaftError` that `body` throws, or `nil` when it succeeds (for calls that
/// return nothing, which `Answer` cannot compare).
func thrownKind<T>(_ body: () throws -> T) -> ErrorKind? {
    do {
        _ = try body()
        return nil
    } catch let error as RaftError {
        return ErrorKind(error)
    } catch {
        preconditionFailure("not a RaftError: \(error)")
    }
}
