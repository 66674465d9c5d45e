import Logging
import NIOCore
import Raft

/// Serves one accepted connection: reads frames in order, enforces the protocol rules
/// (`InboundSession`, `SnapshotReceiver`) and turns valid traffic into events. Any violation
/// or malformed frame ends the connection with one log line; the peer redials with a fresh
/// stream. Nothing here can stop the listener or other connections.
struct InboundConnection: Sendable {
    let localID: NodeID
    let clusterID: ClusterID
    let snapshotDirectory: String
    let maxSnapshotSize: UInt64
    let files: BlockingFileWork
    let emit: @Sendable (PeerNetworkEvent) -> Void
    let logger: Logger

    /// Reads `connection` until it ends, then closes it and deletes any unfinished snapshot.
    func serve(_ connection: AcceptedConnection) async {
        var logger = logger
        logger[metadataKey: "remote"] = "\(connection.remote)"
        let receiver = SnapshotReceiver(directory: snapshotDirectory, maxSize: maxSnapshotSize, files: files)
        defer { receiver.discard() }
        do {
            try await connection.frames.executeThenClose { inbound in
                var session = InboundSession(localID: localID, clusterID: clusterID)
                for try await frame in inbound {
                    try await handle(frame, session: &session, receiver: receiver, logger: &logger)
                }
            }
            logger.debug("peer closed its connection")
        } catch let violation as InboundViolation {
            logger.warning("closing peer connection: protocol violation: \(violation)")
        } catch let error as PeerFrameError {
            logger.warning("closing peer connection: malformed frame: \(error)")
        } catch is CancellationError {
            logger.debug("closing peer connection: shutting down")
        } catch {
            logger.info("closing peer connection: \(error)")
        }
    }

    private func handle(
        _ frame: PeerFrame, session: inout InboundSession, receiver: SnapshotReceiver, logger: inout Logger
    ) async throws {
        switch frame {
        case .hello(let hello):
            try session.accept(hello)
            logger[metadataKey: "peer"] = "\(hello.nodeID)"
            logger.debug("peer said hello", metadata: ["region": "\(hello.region.value)"])
        case .raftBatch(let messages):
            _ = try session.requirePeer(before: "a raft batch")
            try session.check(messages)
            try deliver(messages, receiver: receiver)
        case .snapshotChunk(let chunk):
            let peer = try session.requirePeer(before: "a snapshot chunk")
            try await receiver.append(chunk, from: peer.nodeID)
        }
    }

    /// Emits a checked batch in order: runs of ordinary messages as `.messages`, a snapshot
    /// message as `.snapshotReceived` with the file its chunks filled.
    private func deliver(_ messages: [Message], receiver: SnapshotReceiver) throws(InboundViolation) {
        guard messages.contains(where: { $0.type == .snapshot }) else {
            emit(.messages(messages))
            return
        }
        var run: [Message] = []
        for message in messages {
            guard message.type == .snapshot else {
                run.append(message)
                continue
            }
            // Claimed before the messages ahead of it are emitted, so that a refused snapshot
            // message delivers nothing of its batch (`check` allows one per batch).
            let file = try receiver.claim(message)
            if !run.isEmpty { emit(.messages(run)) }
            run = []
            emit(.snapshotReceived(message: message, file: file))
        }
        if !run.isEmpty { emit(.messages(run)) }
    }
}
