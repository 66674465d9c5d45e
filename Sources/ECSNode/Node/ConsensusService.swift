import Logging
import PeerTransport
import Raft
import ServiceLifecycle

/// Runs the consensus side of a node as a lifecycle service: on graceful shutdown hands
/// leadership away (so the region does not wait an election timeout), stops the shell (which
/// syncs the state) and closes the network. (The network delivers its events to the shell
/// directly: `RaftShell` is its `PeerEventSink`.)
struct ConsensusService: Service {
    let shell: RaftShell
    let network: PeerNetwork
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await handOverLeadership()
        await shell.stop()
        await network.shutdown()
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
