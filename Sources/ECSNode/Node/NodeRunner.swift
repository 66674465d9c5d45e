import Admin
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PeerTransport
import Raft
import ServiceLifecycle

/// Assembles and runs one node: data folder, peer network, Raft shell, HTTP API, until SIGTERM
/// or SIGINT drains it.
struct NodeRunner {
    let configuration: NodeConfiguration

    func run() async throws {
        var logger = Logger(label: "ecs-node")
        logger[metadataKey: "node"] = .string(configuration.name)
        logger[metadataKey: "region"] = .string(configuration.region)

        try PortCheck.ensureFree(configuration.httpAddress, flag: "--http")
        try PortCheck.ensureFree(configuration.raftAddress, flag: "--raft")
        if let metricsAddress = configuration.metricsAddress {
            try PortCheck.ensureFree(metricsAddress, flag: "--metrics")
        }
        NodeMetrics.bootstrap()
        let directory = DataDirectory(root: configuration.dataDirectory)
        try directory.prepare()
        try directory.lockForThisProcess()
        try BackupRestore.installIfPending(in: directory, configuration: configuration, logger: logger)
        try directory.claim(for: NodeIdentity(region: configuration.region, node: configuration.name))

        let network = try await startNetwork(directory: directory, logger: logger)
        let loop = try NodeStartup.makeLoop(
            configuration: configuration, directory: directory, messenger: network,
            applier: ConfigStateMachine(), logger: logger)
        network.updatePeers(loop.peerAddresses())
        let shell = RaftShell(loop: loop)
        network.attach(shell)
        let httpClient = RequestRelay.makeHTTPClient(
            certificateAuthority: configuration.tls.map { CertificateAuthority(certificates: $0.trustRoots) })
        let minter = await TokenMinter(secret: configuration.authSecret)
        let remoteRegions = configuration.regions.remotes.map { region in
            RegionClient(
                region: region, seeds: configuration.regions.seeds[region] ?? [], client: httpClient, minter: minter,
                subject: "region:\(configuration.region)/\(configuration.name)", now: { Date() })
        }
        var dependencies = APIDependencies(
            consensus: shell, nodeName: configuration.name, regions: configuration.regions,
            authKey: configuration.authSecret, httpClient: httpClient, editions: configuration.editions,
            backupScratchFolder: directory.backups, isolation: network.isolation, remoteRegions: remoteRegions)
        dependencies.memberScheme = configuration.tls == nil ? "http" : "https"
        let router = makeAPIRouter(dependencies)
        let application = Application(
            router: router,
            server: try HTTPServing.builder(
                HTTPServerLimits(tuning: configuration.tuning).server, tls: configuration.tls),
            configuration: .init(
                address: .hostname(configuration.httpAddress.host, port: configuration.httpAddress.port),
                serverName: "ecs-node"),
            logger: logger)
        let consensus = ConsensusService(shell: shell, network: network, logger: logger)
        let accessReports = AccessReportService(
            reporter: await AccessReporter(dependencies, logger: logger),
            window: .milliseconds(configuration.tuning.accessReportMilliseconds))
        let federation = FederationService(
            pullers: remoteRegions.map { remote in
                FederationPuller(
                    remote: remote, remoteOwnsPlatform: remote.region == configuration.regions.platform,
                    consensus: shell, nodeName: configuration.name, logger: logger,
                    metrics: FederationMetrics(region: remote.region))
            }, now: { Date() })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: consensus), .init(service: accessReports), .init(service: federation),
            .init(service: application),
        ]
        if let metricsAddress = configuration.metricsAddress {
            services.append(.init(service: MetricsListener.application(address: metricsAddress, logger: logger)))
        }
        // Stopped in reverse order: HTTP (and metrics) first, then federation and the last access
        // report, then consensus.
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        let metricsNote = configuration.metricsAddress.map { ", metrics on \($0)" } ?? ""
        logger.info("serving HTTP on \(configuration.httpAddress), Raft on \(configuration.raftAddress)\(metricsNote)")
        do {
            try await group.run()
        } catch {
            try? await httpClient.shutdown()
            throw NodeStartError.listen("HTTP on \(configuration.httpAddress): \(error)")
        }
        try await httpClient.shutdown()
    }

    private func startNetwork(directory: DataDirectory, logger: Logger) async throws -> PeerNetwork {
        guard let region = RegionName(configuration.region) else {
            throw ConfigurationError.invalid("--region", "'\(configuration.region)' is not a valid region name")
        }
        var peerConfiguration = PeerNetworkConfiguration(
            localID: NodeNaming.raftID(forNode: configuration.name),
            clusterID: NodeNaming.clusterID(forRegion: configuration.region),
            region: region,
            listenHost: configuration.raftAddress.host,
            listenPort: configuration.raftAddress.port,
            peers: [:])
        peerConfiguration.tls = configuration.tls
        let network = PeerNetwork(
            configuration: peerConfiguration,
            snapshots: SnapshotFiles(folder: directory.snapshots),
            incomingSnapshotDirectory: directory.incomingSnapshots,
            logger: logger)
        do {
            _ = try await network.start()
        } catch {
            throw NodeStartError.listen("Raft on \(configuration.raftAddress): \(error)")
        }
        return network
    }
}
