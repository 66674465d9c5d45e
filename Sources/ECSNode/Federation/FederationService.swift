import Foundation
import Logging
import ServiceLifecycle

/// Runs one `FederationPuller` per remote region for as long as the node runs: a round after
/// another while its node leads, a short pause while it does not, and a growing pause (with
/// jitter, up to 10 s) while a remote cannot be reached or replay cannot go on — logged once per
/// change of reason, not once per retry.
struct FederationService: Service {
    let pullers: [FederationPuller]
    let now: @Sendable () -> Date

    func run() async throws {
        guard !pullers.isEmpty else {
            // A region alone has nothing to pull; the service still runs until shutdown, as a
            // service group expects of its members.
            try await gracefulShutdown()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for puller in pullers {
                group.addTask { await Self.keepPulling(puller, now: now) }
            }
        }
    }

    private static func keepPulling(_ puller: FederationPuller, now: @escaping @Sendable () -> Date) async {
        var pause: Duration = .zero
        var lastProblem: String?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if pause > .zero {
                let wait = pause
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            }
            switch await puller.round(now: { RequestParsing.milliseconds(now()) }) {
            case .replayed:
                if lastProblem != nil {
                    puller.logger.info("federation from \(puller.remote.region) resumed")
                    lastProblem = nil
                }
                pause = .zero
            case .notLeader:
                pause = .milliseconds(250)
            case .waiting(let reason):
                puller.logger.debug("federation: \(reason)")
                pause = .milliseconds(200)
            case .stalled(let problem):
                if problem != lastProblem { puller.logger.warning("federation: \(problem)") }
                lastProblem = problem
                let doubled = max(pause * 2, .milliseconds(200))
                pause = min(doubled, .seconds(10)) * Double.random(in: 0.8...1.2)
            }
        }
    }
}
