import ServiceLifecycle

/// Runs the node's `AccessReporter` once per window, and once more at graceful shutdown (after
/// the HTTP server has stopped taking requests, before consensus stops), best effort.
struct AccessReportService: Service {
    let reporter: AccessReporter
    let window: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: window) }
            _ = await reporter.report()
        }
    }
}
