import Foundation
import Testing

@testable import ECSNode

/// `--tls-cert`, `--tls-key`, `--tls-ca` and their YAML keys: all three or none, read at
/// start-up, a bad file refused with a line naming the flag.
@Suite("Node TLS settings")
final class NodeTLSConfigurationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-tls-\(UUID().uuidString)").path

    init() throws {
        try ClusterCertificates.make(in: folder, names: ["n1", "n2"])
        try Data("s3cret".utf8).write(to: URL(fileURLWithPath: folder + "/secret"))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private var baseFlags: [String] {
        [
            "--id", "n1", "--region", "eu", "--data-dir", folder + "/n1", "--http", "127.0.0.1:8081",
            "--raft", "127.0.0.1:9081", "--peers", "n1=127.0.0.1:9081", "--auth-secret-file", folder + "/secret",
        ]
    }

    private var tlsFlags: [String] {
        ["--tls-cert", folder + "/n1.pem", "--tls-key", folder + "/n1.key", "--tls-ca", folder + "/ca.pem"]
    }

    private func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try NodeCommand.parse(arguments).resolvedConfiguration()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("no TLS flags: plain TCP; all three: the certificates are loaded")
    func noneOrAll() throws {
        #expect(try NodeCommand.parse(baseFlags).resolvedConfiguration().tls == nil)
        let tls = try #require(try NodeCommand.parse(baseFlags + tlsFlags).resolvedConfiguration().tls)
        #expect(tls.certificateChain.count == 1)
        #expect(tls.trustRoots.count == 1)
    }

    @Test("the YAML keys tls-cert, tls-key and tls-ca work like the flags")
    func fromFile() throws {
        let file = folder + "/node.yaml"
        try "tls-cert: \(folder)/n1.pem\ntls-key: \(folder)/n1.key\ntls-ca: \(folder)/ca.pem\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try NodeCommand.parse(baseFlags + ["--config", file]).resolvedConfiguration().tls
        let fromFlags = try NodeCommand.parse(baseFlags + tlsFlags).resolvedConfiguration().tls
        #expect(fromFile != nil)
        #expect(fromFile == fromFlags)
    }

    @Test("some but not all of the three is refused, naming what is missing")
    func partial() {
        let reason = refusal(baseFlags + ["--tls-cert", folder + "/n1.pem", "--tls-ca", folder + "/ca.pem"])
        #expect(reason?.contains("missing --tls-key") == true, "\(reason ?? "accepted")")
    }

    @Test(
        "an unreadable or unusable file is refused, naming the flag",
        arguments: [
            ("--tls-cert", "missing.pem", "--tls-cert"),
            ("--tls-key", "missing.key", "--tls-key"),
            ("--tls-ca", "missing.pem", "--tls-ca"),
            ("--tls-key", "n2.key", "--tls-key"),  // another node's key: not this certificate's
            ("--tls-ca", "secret", "--tls-ca"),  // not PEM
        ])
    func badFile(flag: String, file: String, named: String) {
        let reason = refusal((baseFlags + tlsFlags).setting(flag, to: folder + "/" + file))
        #expect(reason?.contains(named) == true, "\(reason ?? "accepted")")
    }
}
