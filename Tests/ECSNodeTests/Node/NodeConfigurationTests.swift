import Foundation
import Testing

@testable import ECSNode

@Suite("Node flags and config file")
final class NodeConfigurationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-config-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("s3cret \n".utf8).write(to: folder.appendingPathComponent("secret"))
    }

    /// Each test gets a fresh instance (and folder); this removes it when the test ends.
    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private var secretPath: String { folder.appendingPathComponent("secret").path }

    private func parse(_ arguments: [String]) throws -> NodeConfiguration {
        try NodeCommand.parse(arguments).resolvedConfiguration()
    }

    private var validFlags: [String] {
        [
            "--id", "n1", "--region", "eu", "--data-dir", folder.path + "/n1", "--http", "127.0.0.1:8081",
            "--raft", "127.0.0.1:9081", "--peers", "n1=127.0.0.1:9081,n2=127.0.0.1:9082,n3=127.0.0.1:9083",
            "--auth-secret-file", secretPath,
        ]
    }

    @Test("the spec's flags give a configuration; the secret loses its trailing whitespace")
    func specFlags() throws {
        let configuration = try parse(
            validFlags + ["--region-seeds", "us=http://127.0.0.1:8181,http://127.0.0.1:8182"])
        #expect(configuration.name == "n1")
        #expect(configuration.initialPeers.count == 3)
        #expect(configuration.initialPeers["n2"] == HostPort(host: "127.0.0.1", port: 9082))
        #expect(configuration.authSecret == Array("s3cret".utf8))
        #expect(configuration.regions.seeds["us"] == ["http://127.0.0.1:8181", "http://127.0.0.1:8182"])
        #expect(configuration.regions.platform == "eu", "the first region name owns the platform by default")
        #expect(!configuration.join)
    }

    @Test(
        "bad flags are refused with a reason naming the flag",
        arguments: [
            (["--http", "localhost"], "--http"),
            (["--http", "127.0.0.1:70000"], "--http"),
            (["--raft", "127.0.0.1:9999"], "--peers"),
            (["--peers", "n2=127.0.0.1:9082"], "--peers"),
            (["--peers", "n1=127.0.0.1:9081,n1=127.0.0.1:9082"], "--peers"),
            (["--id", "N1!"], "--id"),
            (["--learner"], "--learner"),
            (["--region-seeds", "us"], "--region-seeds"),
            (["--region-seeds", "eu=http://127.0.0.1:8181"], "--region-seeds"),
            (["--region-seeds", "US=http://127.0.0.1:8181"], "--region-seeds"),
            (["--platform-region", "ap"], "--platform-region"),
            (["--region-seeds", "us=http://127.0.0.1:8181", "--platform-region", "ap"], "--platform-region"),
            (["--http", "127.0.0.1:9081"], "--http"),
            (["--metrics", "localhost"], "--metrics"),
            (["--metrics", "127.0.0.1:8081"], "--metrics"),
            (["--metrics", "127.0.0.1:9081"], "--metrics"),
        ])
    func badFlags(override: [String], flag: String) throws {
        var arguments = validFlags
        if let position = arguments.firstIndex(of: override[0]), override.count == 2 {
            arguments[position + 1] = override[1]
        } else {
            arguments += override
        }
        #expect {
            _ = try parse(arguments)
        } throws: { error in
            "\(error)".contains(flag)
        }
    }

    @Test("a missing secret file and a missing required flag are refused")
    func missing() throws {
        var arguments = validFlags
        arguments[arguments.firstIndex(of: secretPath)!] = folder.path + "/absent"
        #expect(throws: ConfigurationError.self) { try parse(arguments) }
        #expect(throws: ConfigurationError.missing("--region")) {
            var withoutRegion = validFlags
            withoutRegion.removeSubrange(2..<4)
            return try parse(withoutRegion)
        }
    }

    /// Writes `node.yaml` with the settings of node `n<node>` (one of two peers) and `extra`
    /// lines after them; returns its path.
    private func configFile(node: Int = 1, _ extra: String) throws -> String {
        let file = folder.appendingPathComponent("node.yaml")
        try Data(
            """
            id: n\(node)
            region: eu
            data-dir: \(folder.path)/n\(node)
            http: 127.0.0.1:808\(node)
            raft: 127.0.0.1:908\(node)
            peers: n1=127.0.0.1:9081,n2=127.0.0.1:9082
            auth-secret-file: \(secretPath)
            \(extra)
            """.utf8
        ).write(to: file)
        return file.path
    }

    @Test("the YAML file sets the same things; flags win; unknown keys are refused")
    func yamlFile() throws {
        let path = try configFile(node: 2, "tuning:\n  snapshot-entries: 50\n  access-report-ms: 2000")
        let fromFile = try parse(["--config", path])
        #expect(fromFile.name == "n2")
        #expect(fromFile.tuning.snapshotEntries == 50 && fromFile.tuning.accessReportMilliseconds == 2000)
        let overridden = try parse(["--config", path, "--http", "127.0.0.1:8099"])
        #expect(overridden.httpAddress.port == 8099)
        #expect(fromFile.metricsAddress == nil, "no metrics listener unless asked for")

        try Data("id: n2\nsnapshot-entries: 3\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try parse(["--config", path])
        } throws: { error in
            "\(error)".contains("unknown setting 'snapshot-entries'")
        }
    }

    @Test("the metrics listener: the flag, the YAML key, the flag over the key")
    func metricsListener() throws {
        #expect(
            try parse(validFlags + ["--metrics", "0.0.0.0:9181"]).metricsAddress
                == HostPort(host: "0.0.0.0", port: 9181))
        let path = try configFile("metrics: 127.0.0.1:9182")
        #expect(try parse(["--config", path]).metricsAddress == HostPort(host: "127.0.0.1", port: 9182))
        #expect(
            try parse(["--config", path, "--metrics", "[::1]:9183"]).metricsAddress == HostPort(host: "::1", port: 9183)
        )
    }

    @Test("editions: the file overrides built-in limits setting by setting, adds editions, changes the default")
    func editions() throws {
        let path = try configFile(
            """
            editions:
              free:
                writes-per-second: 2
              gold:
                max-keys-per-set: 7
              default:
                max-value-bytes: 1000
            """)
        let editions = try parse(["--config", path]).editions
        let builtIn = EditionCatalog.builtIn
        var free = builtIn.limits(for: "free")
        free.writesPerSecond = 2
        #expect(editions.limits(for: "free") == free)
        #expect(editions.limits(for: "pro") == builtIn.limits(for: "pro"))
        #expect(editions.limits(for: "gold").maxKeysPerSet == 7)
        #expect(editions.limits(for: "gold").maxValueBytes == 1000, "a new edition starts from the default")
        #expect(editions.limits(for: "anything").maxValueBytes == 1000)
        #expect(editions.limits(for: "anything").writesPerSecond == builtIn.fallback.writesPerSecond)
        #expect(try parse(validFlags).editions == builtIn)
    }

    @Test(
        "bad editions are refused with the setting's full name and what it accepts",
        arguments: [
            (
                "editions:\n  free:\n    writes-per-second: 0",
                "editions.free.writes-per-second must be a whole number from 1"
            ),
            ("editions:\n  free:\n    writes-per-second: 2.5", "not '2.5'"),
            ("editions:\n  free:\n    max-value-bytes: lots", "editions.free.max-value-bytes"),
            ("editions:\n  free:\n    max-request-bytes: 2000000", "from 1 to 1048576, not '2000000'"),
            ("editions:\n  free:\n    max-values: 3", "unknown setting 'editions.free.max-values'"),
            ("editions:\n  Free:\n    max-value-bytes: 3", "'Free' is not an edition name"),
            ("editions:\n  free: 3", "'editions.free' must map limit names to numbers"),
            ("editions: [free]", "'editions' must map edition names"),
        ])
    func badEditions(yaml: String, expected: String) throws {
        let path = try configFile(yaml)
        #expect {
            _ = try parse(["--config", path])
        } throws: { error in
            "\(error)".contains(expected) && "\(error)".contains(path)
        }
    }

    @Test("the platform region: the first region name unless named; a single region owns it")
    func platformRegion() throws {
        let seeds = ["--region-seeds", "ap=http://127.0.0.1:8181", "--region-seeds", "us=http://127.0.0.1:8281"]
        #expect(try parse(validFlags + seeds).regions.platform == "ap")
        #expect(try parse(validFlags + seeds + ["--platform-region", "us"]).regions.platform == "us")
        #expect(try parse(validFlags + seeds).regions.remotes == ["ap", "us"])
        let alone = try parse(validFlags).regions
        #expect(alone.platform == "eu" && alone.ownsPlatform && alone.remotes.isEmpty)
        let file = try configFile("platform-region: us\nregion-seeds:\n  us: [http://127.0.0.1:8281]\n")
        #expect(try parse(["--config", file]).regions.platform == "us")
    }

    @Test("node and cluster ids are stable and distinct")
    func naming() {
        #expect(NodeNaming.raftID(forNode: "n1") == NodeNaming.raftID(forNode: "n1"))
        #expect(NodeNaming.raftID(forNode: "n1") != NodeNaming.raftID(forNode: "n2"))
        #expect(NodeNaming.clusterID(forRegion: "eu") != NodeNaming.clusterID(forRegion: "us"))
    }
}
