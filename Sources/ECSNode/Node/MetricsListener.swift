import Hummingbird
import Logging

/// The optional listener of `--metrics HOST:PORT`: `GET /metrics` without a token, for a
/// Prometheus that scrapes over a network the operator keeps private; every other path is 404.
enum MetricsListener {
    static func application(address: HostPort, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.get("/metrics") { _, _ in MetricsPage.response() }
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "ecs-node"),
            logger: logger)
    }
}
