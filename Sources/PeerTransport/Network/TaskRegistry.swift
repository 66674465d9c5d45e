import Synchronization

/// The background tasks of one `PeerNetwork` (links, the accept loop, snapshot transfers),
/// kept so that `shutdown()` can cancel them and wait until none is left touching sockets,
/// files or the event stream.
final class TaskRegistry: Sendable {
    private struct Tasks {
        var running: [UInt64: Task<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var closed = false
    }

    private let tasks = Mutex(Tasks())

    /// Starts `body` in a new task, or returns nil once `cancelAllAndWait` has begun. The task
    /// is created under the lock, so its own removal (which takes the lock) always finds it.
    @discardableResult
    func spawn(_ body: @escaping @Sendable () async -> Void) -> Task<Void, Never>? {
        tasks.withLock { tasks in
            guard !tasks.closed else { return nil }
            let id = tasks.nextID
            tasks.nextID += 1
            let task = Task {
                await body()
                self.remove(id)
            }
            tasks.running[id] = task
            return task
        }
    }

    /// Refuses new tasks, cancels the running ones and waits for all of them to end.
    func cancelAllAndWait() async {
        let running = tasks.withLock { tasks in
            tasks.closed = true
            return Array(tasks.running.values)
        }
        for task in running {
            task.cancel()
        }
        for task in running {
            await task.value
        }
    }

    private func remove(_ id: UInt64) {
        tasks.withLock { _ = $0.running.removeValue(forKey: id) }
    }
}
