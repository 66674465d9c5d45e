import Logging
import PeerTransport
import Raft
import ServiceLifecycle

/// Runs the consensus side of a node as a lifecycle service: feeds the peer network's events to
/// the Raft shell, and on graceful shutdown hands leadership away (so the region does not wait
/// an election timeout), stops the shell (which syncs the state) and closes the network.
struct ConsensusService: Service {
    let shell: RaftShell
    let network: PeerNetwork
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in network.events { shell.enqueue(ShellEvent(event)) }
            }
            group.addTask {
                try? await gracefulShutdown()
                await handOverLeadership()
                await shell.stop()
                await network.shutdown()
            }
            await group.next()
            await group.next()
        }
        logger.info("stopped")
    }

    /// Best effort: a leader that is asked to stop passes leadership to the most caught-up voter.
    private func handOverLeadership() async {
        guard shell.status().role == "leader" else { return }
        do {
            let successor = try await shell.transferLeadership(to: nil)
            logger.info("handed leadership to \(successor) before stopping")
        } catch {
            logger.notice("could not hand leadership over before stopping: \(error)")
        }
    }
}

extension ShellEvent {
    /// Translates what the peer network reports into the shell's inputs.
    init(_ event: PeerNetworkEvent) {
        switch event {
        case .messages(let messages): self = .messages(messages)
        case .unreachable(let peer): self = .unreachable(peer)
        case .snapshotReceived(let message, let file): self = .snapshotReceived(message, file: file)
        case .snapshotSent(let peer, let success): self = .snapshotSent(to: peer, success: success)
        }
    }
}
