import Foundation
import PeerTransport
import Raft
import Testing

/// Snapshots stream from the sender's file to a file in the receiver's incoming directory,
/// and nothing partial is ever delivered.
@Suite("PeerNetwork snapshot transfers")
struct NetworkSnapshotTests {
    /// A file of `size` pseudo-random bytes (seeded, so a failure is reproducible).
    func makeSnapshotFile(size: Int, seed: UInt64) throws -> (path: String, bytes: [UInt8]) {
        var random = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 8)
        // Eight bytes per draw: byte-wise generation of megabytes is slow in debug builds.
        while bytes.count < size {
            withUnsafeBytes(of: random.next()) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - size)
        let path = try makeTemporaryDirectory() + "/outgoing.snapshot"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    func snapshotMessage(from: NodeID, to: NodeID, index: UInt64, term: UInt64) -> Message {
        Message(
            type: .snapshot, to: to, from: from, term: term,
            snapshot: Snapshot(
                metadata: SnapshotMetadata(index: index, term: term, confState: ConfState(voters: [1, 2]))))
    }

    func snapshotReceived(_ event: PeerNetworkEvent) -> (message: Message, file: String)? {
        if case .snapshotReceived(let message, let file) = event { (message, file) } else { nil }
    }

    func snapshotSent(_ event: PeerNetworkEvent) -> Bool? {
        if case .snapshotSent(_, let success) = event { success } else { nil }
    }

    @Test("a multi-MiB snapshot arrives byte-identical in several chunks, and both sides are told")
    func multiChunkTransfer() async throws {
        let source = try makeSnapshotFile(size: 5 << 20 + 12_345, seed: 11)
        let snapshots = SnapshotFileTable(files: [SnapshotKey(index: 100, term: 3): source.path])
        let b = try await TestNode.start(TestNode.configuration(id: 2))
        try await withNode(TestNode.configuration(id: 1, peers: [2: b.address]), snapshots: snapshots) { a in
            let message = snapshotMessage(from: 1, to: 2, index: 100, term: 3)
            // A heartbeat in the same call still takes the regular link.
            a.network.send([message, Message(type: .heartbeat, to: 2, from: 1, term: 3)])
            let received = try await b.log.require("the snapshot at node 2", snapshotReceived)
            #expect(received.message == message)
            #expect(received.file.hasPrefix(b.snapshotDirectory + "/"))
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: received.file))) == source.bytes)
            let observed = try await a.log.require("the sender's report", snapshotSent)
            #expect(observed == true)
            #expect(try b.incomingFiles() == [URL(fileURLWithPath: received.file).lastPathComponent])
            let heartbeat = try await b.log.require("the heartbeat") { $0.messages }
            #expect(heartbeat.map(\.type) == [.heartbeat])
        }
        await b.shutdown()
        // A delivered file belongs to the node: shutting down leaves it alone.
        #expect(try b.incomingFiles().count == 1)
    }

    @Test("a missing snapshot file is reported as a failed transfer")
    func missingFile() async throws {
        try await withCluster(of: 2) { nodes in
            nodes[0].network.send([snapshotMessage(from: 1, to: 2, index: 7, term: 1)])
            let observed = try await nodes[0].log.require("the sender's report", snapshotSent)
            #expect(observed == false)
        }
    }

    @Test("a transfer cut mid-way delivers nothing and leaves no file behind")
    func cutTransferFromRawPeer() async throws {
        let node = try await TestNode.start(TestNode.configuration(id: 1))
        let peer = try await RawPeer.connect(to: node.address)
        let piece = Array(repeating: UInt8(9), count: 1000)
        func chunk(_ number: UInt64) -> PeerFrame {
            .snapshotChunk(
                SnapshotChunk(
                    snapshotID: 77, term: 2, index: 50, offset: number * 1000, totalLength: 3000, bytes: piece,
                    isLast: number == 2))
        }
        try await peer.send([hello(from: 2), chunk(0), chunk(1), .raftBatch([appendMessage(from: 2, to: 1, index: 1)])])
        // Frames are handled in order, so once the append is delivered both chunks are on disk.
        _ = try await node.log.require("the append after the chunks") { $0.messages }
        let partial = try node.incomingFiles()
        #expect(partial.count == 1 && partial[0].hasSuffix(".partial"))
        await peer.close()
        await node.shutdown()
        let events = try await node.log.remainingAfterShutdown()
        #expect(!events.contains { snapshotReceived($0) != nil })
        #expect(try node.incomingFiles() == [])
    }

    @Test("a sender shut down during a transfer leaves no partial file; anything delivered is whole")
    func senderShutDownMidway() async throws {
        let source = try makeSnapshotFile(size: 8 << 20, seed: 12)
        let snapshots = SnapshotFileTable(files: [SnapshotKey(index: 9, term: 1): source.path])
        let b = try await TestNode.start(TestNode.configuration(id: 2))
        var configuration = TestNode.configuration(id: 1, peers: [2: b.address])
        configuration.snapshotChunkSize = 64 << 10
        let a = try await TestNode.start(configuration, snapshots: snapshots)
        a.network.send([snapshotMessage(from: 1, to: 2, index: 9, term: 1)])
        await a.shutdown()
        let sent = try await a.log.remainingAfterShutdown().compactMap(snapshotSent)
        #expect(sent.count == 1)
        await b.shutdown()
        let delivered = try await b.log.remainingAfterShutdown().compactMap(snapshotReceived)
        #expect(delivered.count <= 1)
        for snapshot in delivered {
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: snapshot.file))) == source.bytes)
        }
        #expect(try b.incomingFiles().count == delivered.count)
        #expect(try b.incomingFiles().allSatisfy { $0.hasSuffix(".snap") })
    }

    @Test("leftover partial files from a crash are deleted at start; delivered ones are kept")
    func staleFilesAtStart() async throws {
        let directory = try makeTemporaryDirectory()
        let stale = directory + "/peer-snapshot-1-1-from-2-abc.partial"
        let kept = directory + "/peer-snapshot-1-1-from-2-def.snap"
        let foreign = directory + "/unrelated.partial"
        for path in [stale, kept, foreign] {
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        }
        let node = try await TestNode.start(TestNode.configuration(id: 1), snapshotDirectory: directory)
        #expect(try node.incomingFiles() == ["peer-snapshot-1-1-from-2-def.snap", "unrelated.partial"])
        await node.shutdown()
    }
}
