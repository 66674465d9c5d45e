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
        #expect(configuration.regionSeeds["us"] == ["http://127.0.0.1:8181", "http://127.0.0.1:8182"])
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
            (["--http", "127.0.0.1:9081"], "--http"),
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

    @Test("the YAML file sets the same things; flags win; unknown keys are refused")
    func yamlFile() throws {
        let file = folder.appendingPathComponent("node.yaml")
        try Data(
            """
            id: n2
            region: eu
            data-dir: \(folder.path)/n2
            http: 127.0.0.1:8082
            raft: 127.0.0.1:9082
            peers: n1=127.0.0.1:9081,n2=127.0.0.1:9082
            auth-secret-file: \(secretPath)
            tuning:
              snapshot-entries: 50
            """.utf8
        ).write(to: file)
        let fromFile = try parse(["--config", file.path])
        #expect(fromFile.name == "n2")
        #expect(fromFile.tuning.snapshotEntries == 50)
        let overridden = try parse(["--config", file.path, "--http", "127.0.0.1:8099"])
        #expect(overridden.httpAddress.port == 8099)

        try Data("id: n2\nsnapshot-entries: 3\n".utf8).write(to: file)
        #expect {
            _ = try parse(["--config", file.path])
        } throws: { error in
            "\(error)".contains("unknown setting 'snapshot-entries'")
        }
    }

    @Test("node and cluster ids are stable and distinct")
    func naming() {
        #expect(NodeNaming.raftID(forNode: "n1") == NodeNaming.raftID(forNode: "n1"))
        #expect(NodeNaming.raftID(forNode: "n1") != NodeNaming.raftID(forNode: "n2"))
        #expect(NodeNaming.clusterID(forRegion: "eu") != NodeNaming.clusterID(forRegion: "us"))
    }
}
