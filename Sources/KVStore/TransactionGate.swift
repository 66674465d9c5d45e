import Glibc

/// Lets transactions run side by side while keeping them all out of the way of a map resize.
///
/// LMDB may only change the size of its memory map while no transaction of the process is
/// open. Every transaction therefore holds this gate shared, and growing the map holds it
/// exclusively. The lock prefers the exclusive side so that a steady stream of readers cannot
/// starve a writer waiting to grow the map.
///
/// Because a waiting resize blocks new shared holders, a thread that opened a transaction on an
/// environment and then opened another one on the same environment could deadlock against a
/// resize. The gate detects that nesting and stops with a clear message instead of hanging.
final class TransactionGate: @unchecked Sendable {
    // @unchecked: the pthread rwlock and the thread-specific key are designed to be used from
    // many threads at once; the pointers themselves never change after `init`.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>
    private let insideTransaction: pthread_key_t

    init() {
        lock = .allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific keys left")
        insideTransaction = key
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
        pthread_key_delete(insideTransaction)
    }

    /// Runs `body` as one of many concurrent transactions.
    func shared<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        enterTransaction()
        pthread_rwlock_rdlock(lock)
        defer {
            pthread_rwlock_unlock(lock)
            leaveTransaction()
        }
        return try body()
    }

    /// Runs `body` while no transaction is open.
    func exclusive<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        enterTransaction()
        pthread_rwlock_wrlock(lock)
        defer {
            pthread_rwlock_unlock(lock)
            leaveTransaction()
        }
        return try body()
    }

    private func enterTransaction() {
        precondition(
            pthread_getspecific(insideTransaction) == nil,
            "KVStore: a transaction was opened inside another transaction of the same environment on the same thread; use the outer transaction instead"
        )
        pthread_setspecific(insideTransaction, UnsafeRawPointer(bitPattern: 1))
    }

    private func leaveTransaction() {
        pthread_setspecific(insideTransaction, nil)
    }
}
