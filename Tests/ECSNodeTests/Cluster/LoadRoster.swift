import Synchronization

/// The members the clients of a load run may use, as the test changes the membership, and
/// whether the load still runs: a client whose node left moves to another member.
final class LoadRoster: Sendable {
    private struct State {
        var members: [NodeSpec]
        var departed: Set<String> = []
        var loading = true
    }

    private let state: Mutex<State>

    init(members: [NodeSpec]) {
        state = Mutex(State(members: members))
    }

    /// `id` is no longer a member: clients stop sending to it, and a connection error from it
    /// is retried elsewhere.
    func leave(_ id: String) {
        state.withLock { state in
            state.members.removeAll { $0.id == id }
            state.departed.insert(id)
        }
    }

    func hasLeft(_ id: String) -> Bool { state.withLock { $0.departed.contains(id) } }

    /// The node client `client` sends to: `home` while it is a member, else another member
    /// (spread over them by the client's number).
    func node(for client: Int, home: NodeSpec) -> NodeSpec {
        state.withLock { state in
            state.members.contains(home) ? home : state.members[client % state.members.count]
        }
    }

    var isLoading: Bool { state.withLock { $0.loading } }

    func stopLoading() { state.withLock { $0.loading = false } }
}
