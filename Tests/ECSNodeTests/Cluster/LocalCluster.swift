import Foundation
import Synchronization

/// A region of real `ecs-node` processes on loopback, for black-box tests: free ports, data and
/// logs in a temporary folder, and the faults the tests inject (kill -9, SIGSTOP/SIGCONT, SIGTERM,
/// restart on the same data).
///
/// Use it through `LocalCluster.run`, which kills every child and removes the folder however the
/// test body ends. Set `ECS_KEEP_CLUSTER=1` to keep the folder (data and logs) for a post-mortem.
final class LocalCluster: Sendable {
    let region: String
    let nodes: [NodeSpec]
    let folder: URL
    let http: ClusterHTTP
    /// The other regions' endpoints (`--region-seeds`), empty for a region alone (`LocalRegions`).
    let regionSeeds: [String: [String]]
    /// `--platform-region`, when the test names one.
    let platformRegion: String?
    /// Token signing secret (shared by every region of a test, so one token works everywhere);
    /// the file holds it with a trailing newline the nodes must strip.
    let secretFile: URL
    /// The YAML `--config` file: the editions and what the test asked for (tuning).
    let configFile: URL
    /// The folder of `cluster/certs`' CA and node certificates when the nodes run with TLS
    /// (`--tls-cert`, `--tls-key`, `--tls-ca`): mutual TLS between them, https for the API.
    let certificates: URL?
    /// Nodes beyond the initial voters: started with `--join --learner`, not listed in `--peers`,
    /// and not started by `run` — a test adds them through `/v1/cluster/members`.
    let spares: Int
    private let processes = Mutex<[String: NodeProcess]>([:])
    private let starts = Mutex<[String: Int]>([:])

    /// Starts `size` nodes with `config` (YAML, e.g. a `tuning:` section, but no `editions:`)
    /// and `editions` (edition name → its limits as a YAML flow mapping, e.g.
    /// `{writes-per-second: 1}`) and waits until all are ready, runs `body`, and always tears the
    /// cluster down.
    static func run<T>(
        size: Int = 3, spares: Int = 0, config: String? = nil, editions: KeyValuePairs<String, String> = [:],
        requestTimeout: Duration = .seconds(5), tenants: [String] = ["acme"], tls: Bool = false,
        _ body: (LocalCluster) async throws -> T
    ) async throws -> T {
        let yaml = editionsSection(editions) + (config ?? "")
        let cluster = try await LocalCluster(
            size: size + spares, spares: spares, config: yaml, requestTimeout: requestTimeout, tls: tls)
        do {
            try cluster.startAll()
            try await cluster.awaitReady(cluster.voters.map(\.id))
            try await cluster.createTenants(tenants)
            let result = try await body(cluster)
            await cluster.tearDown()
            return result
        } catch {
            await cluster.tearDown()
            throw error
        }
    }

    /// The `editions:` section: `extra` after `pro`, the tenants' edition, which writes as fast
    /// as the region can take: the cluster tests drive a fast region hard (the chaos test,
    /// snapshot catch-up) and are not about the per-tenant rate limit, which the HTTP tests
    /// and the endpoint walk (with editions of its own) cover. One section, because a YAML
    /// mapping may not name `editions` twice.
    static func editionsSection(_ extra: KeyValuePairs<String, String>) -> String {
        let lines = [("pro", "{writes-per-second: 1000000}")] + extra.map { ($0.key, $0.value) }
        return "editions:\n" + lines.map { "  \($0): \($1)\n" }.joined()
    }

    /// A region of `size` nodes (ids `\(idPrefix)1`, …) on `ports` (two per node, HTTP then Raft;
    /// picked here when not given), not started yet; with `tls`, certificates for every node. `LocalRegions` gives every region of a test
    /// the same `secret` and ports picked in one go, since each region's seeds name the others'.
    init(
        region: String = "local", size: Int, spares: Int = 0, config: String, requestTimeout: Duration,
        idPrefix: String = "n", ports: [Int]? = nil, secret: String = LocalCluster.randomSecret(),
        regionSeeds: [String: [String]] = [:], platformRegion: String? = nil, tls: Bool = false
    ) async throws {
        self.region = region
        self.spares = spares
        self.regionSeeds = regionSeeds
        self.platformRegion = platformRegion
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-cluster-\(UUID().uuidString)")
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ports = try ports ?? LoopbackPorts.pick(2 * size)
        nodes = (0..<size).map { index in
            let id = "\(idPrefix)\(index + 1)"
            return NodeSpec(
                id: id, httpPort: ports[2 * index], raftPort: ports[2 * index + 1],
                dataDirectory: folder.appendingPathComponent(id), logFile: folder.appendingPathComponent("\(id).log"),
                scheme: tls ? "https" : "http")
        }
        let certificates = tls ? folder.appendingPathComponent("certs") : nil
        if let certificates { try ClusterCertificates.make(in: certificates.path, names: nodes.map(\.id)) }
        self.certificates = certificates
        secretFile = folder.appendingPathComponent("secret")
        try Data((secret + "\n").utf8).write(to: secretFile)
        let file = folder.appendingPathComponent("node.yaml")
        try Data(config.utf8).write(to: file)
        configFile = file
        http = try ClusterHTTP(
            token: try await AdminToken.mint(secret: secret), timeout: requestTimeout,
            caFile: certificates?.appendingPathComponent("ca.pem").path)
    }

    /// A fresh token signing secret: 32 random bytes in hex.
    static func randomSecret() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// The region's initial voters (every node but the spares).
    var voters: ArraySlice<NodeSpec> { nodes.dropLast(spares) }

    func node(_ id: String) -> NodeSpec {
        guard let spec = nodes.first(where: { $0.id == id }) else { preconditionFailure("no node \(id)") }
        return spec
    }

    /// The command line of `spec`, exactly as an operator would write it.
    func arguments(for spec: NodeSpec) -> [String] {
        var arguments = [
            "--id", spec.id, "--region", region, "--data-dir", spec.dataDirectory.path,
            "--http", spec.httpAddress, "--raft", spec.raftAddress,
            "--peers", voters.map { "\($0.id)=\($0.raftAddress)" }.joined(separator: ","),
            "--auth-secret-file", secretFile.path,
        ]
        if !voters.contains(spec) { arguments += ["--join", "--learner"] }
        for (remote, urls) in regionSeeds.sorted(by: { $0.key < $1.key }) {
            arguments += ["--region-seeds", "\(remote)=\(urls.joined(separator: ","))"]
        }
        if let platformRegion { arguments += ["--platform-region", platformRegion] }
        if let certificates {
            arguments += [
                "--tls-cert", certificates.appendingPathComponent("\(spec.id).pem").path,
                "--tls-key", certificates.appendingPathComponent("\(spec.id).key").path,
                "--tls-ca", certificates.appendingPathComponent("ca.pem").path,
            ]
        }
        arguments += ["--config", configFile.path]
        return arguments
    }

    // MARK: Processes

    func startAll() throws {
        for spec in voters { try start(spec.id) }
    }

    /// Starts `id` on its data folder; its previous process, if any, must have ended.
    func start(_ id: String) throws {
        let spec = node(id)
        if let running = processes.withLock({ $0[id] }), running.ended == nil {
            preconditionFailure("\(id) is still running (pid \(running.pid))")
        }
        let incarnation = starts.withLock { starts in
            starts[id, default: 0] += 1
            return starts[id, default: 0]
        }
        if !FileManager.default.fileExists(atPath: spec.logFile.path) {
            _ = FileManager.default.createFile(atPath: spec.logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: spec.logFile)
        try log.seekToEnd()
        log.write(Data("---- start #\(incarnation) of \(id) ----\n".utf8))
        let process = try NodeProcess(
            executable: NodeExecutable.url, arguments: arguments(for: spec), output: log, errors: log)
        processes.withLock { $0[id] = process }
    }

    /// The current process of `id`, if it was ever started.
    func process(_ id: String) -> NodeProcess? { processes.withLock { $0[id] } }

    /// Whether `id`'s current process has not ended (it may be paused).
    func isRunning(_ id: String) -> Bool { process(id).map { $0.ended == nil } ?? false }

    /// kill -9, and waits until the process is gone so its ports and lock are free again.
    func killNine(_ id: String) async throws {
        guard let process = process(id) else { return }
        process.send(SIGKILL)
        guard await process.waitForExit(timeout: .seconds(10)) != nil else {
            throw TimedOut(description: "\(id) (pid \(process.pid)) survived SIGKILL for 10 s")
        }
    }

    /// SIGTERM, then the way the node ended, or nil if it still ran after `timeout`.
    func terminate(_ id: String, timeout: Duration = .seconds(20)) async -> Termination? {
        guard let process = process(id) else { return nil }
        process.send(SIGTERM)
        return await process.waitForExit(timeout: timeout)
    }

    /// SIGSTOP: the node keeps its sockets but answers nothing, like a long GC pause.
    func pause(_ id: String) { process(id)?.send(SIGSTOP) }

    /// SIGCONT after `pause`.
    func resume(_ id: String) { process(id)?.send(SIGCONT) }

    /// Kills every child (waking paused ones first so they die promptly), closes the client and
    /// removes the folder unless `ECS_KEEP_CLUSTER` is set.
    func tearDown() async {
        let all = processes.withLock { Array($0.values) }
        for process in all {
            process.send(SIGCONT)
            process.send(SIGKILL)
        }
        for process in all { _ = await process.waitForExit(timeout: .seconds(10)) }
        await http.shutdown()
        if ProcessInfo.processInfo.environment["ECS_KEEP_CLUSTER"] == nil {
            try? FileManager.default.removeItem(at: folder)
        } else {
            print("cluster data and logs kept in \(folder.path)")
        }
    }

    // MARK: Logs

    /// The whole log of `id` (every incarnation).
    func log(_ id: String) -> String {
        (try? String(contentsOf: node(id).logFile, encoding: .utf8)) ?? ""
    }

    /// The last `lines` lines of each node's log, for failure messages.
    func logTails(lines: Int = 25) -> String {
        nodes.map { spec in
            let tail = log(spec.id).split(separator: "\n", omittingEmptySubsequences: false).suffix(lines)
            return "== \(spec.id) (\(spec.logFile.path)) ==\n" + tail.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
