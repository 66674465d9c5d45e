import PeerTransport
import Raft
import Testing

/// Starting the listener: a busy port is an error that names the address.
@Suite("PeerNetwork listener")
struct NetworkListenerTests {
    @Test("a busy port fails start() with an error naming the address")
    func busyPort() async throws {
        try await withNode(TestNode.configuration(id: 1)) { first in
            let second = PeerNetwork(
                configuration: TestNode.configuration(id: 2, port: first.address.port),
                snapshots: SnapshotFileTable(), incomingSnapshotDirectory: try makeTemporaryDirectory())
            let error = await #expect(throws: PeerNetworkError.self) { try await second.start() }
            guard case .listenFailed(let address, let reason) = error else {
                Issue.record("expected listenFailed, got \(String(describing: error))")
                return
            }
            #expect(address == first.address)
            #expect(reason.lowercased().contains("in use"))
            #expect("\(error!)".contains("127.0.0.1:\(first.address.port)"))
            await second.shutdown()
        }
    }

    @Test("start() twice is refused, and an invalid configuration is named")
    func misuse() async throws {
        try await withNode(TestNode.configuration(id: 1)) { node in
            await #expect(throws: PeerNetworkError.notStartable) { try await node.network.start() }
        }
        let zero = PeerNetwork(
            configuration: TestNode.configuration(id: 0), snapshots: SnapshotFileTable(),
            incomingSnapshotDirectory: try makeTemporaryDirectory())
        await #expect(throws: PeerNetworkError.self) { try await zero.start() }
        await zero.shutdown()
    }
}
