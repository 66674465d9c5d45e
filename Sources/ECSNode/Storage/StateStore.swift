import KVStore
import Synchronization

/// The LMDB environment holding the replicated state (the config tables and this node's record
/// of what it applied), behind a handle that survives installing a snapshot.
///
/// Installing a snapshot replaces the whole environment with the leader's consistent copy, so
/// nobody may keep an `Environment` or a transaction: every read asks the store for the current
/// environment and runs a short read transaction on it. A read that started before a swap
/// finishes on the old environment, which stays open until its last reader lets go.
final class StateStore: Sendable {
    private let current: Mutex<Environment>

    /// Opens every table of the state in `environment` — the node's own (`meta`, `members`) and
    /// the config domain's. LMDB opens a table handle in a transaction of its own, so this runs
    /// once, outside any transaction, before the first read or write of a new environment.
    static func prepareTables(in environment: Environment) throws {
        _ = try environment.database(AppliedState.databaseName)
        _ = try environment.database(MemberDirectory.databaseName)
        try ConfigStateMachine.prepare(environment)
    }

    /// Wraps an environment that is already open.
    init(environment: Environment) {
        self.current = Mutex(environment)
    }

    /// The environment in use right now. Use it for one transaction and let it go.
    var environment: Environment {
        current.withLock { $0 }
    }

    /// Runs `body` in a read transaction of the current environment.
    func read<T>(_ body: (ReadTransaction, Environment) throws -> T) throws -> T {
        let environment = self.environment
        return try environment.read { try body($0, environment) }
    }

    /// Makes `replacement` the environment every later read and write uses. Called by the Raft
    /// shell, the only writer, when it installs a snapshot.
    func replace(with replacement: Environment) {
        current.withLock { $0 = replacement }
    }
}
