import Foundation
import Testing

extension ClusterTests {
    /// A region whose nodes run with `--tls-cert`, `--tls-key`, `--tls-ca` (certificates from
    /// `cluster/certs`): Raft over mutual TLS, the API over https, forwarding between members
    /// over https, and a plain-HTTP client or a node with a broken key refused (issue 7).
    @Suite(.timeLimit(.minutes(2)))
    struct TLSClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("three TLS nodes elect a leader, forward a follower's write over https and serve it linearizably")
        func forwardedWriteOverTLS() async throws {
            try await LocalCluster.run(tls: true) { cluster in
                let followers = cluster.followers(of: try await cluster.awaitLeader())
                let (writer, reader) = (followers[0], followers[1])
                #expect(writer.baseURL.hasPrefix("https://"))

                let written = try await cluster.http.putItem(
                    writer.baseURL, tenant: "acme", set: "payments", key: "retries", value: 3)
                let receipt = try written.decode(WriteReceipt.self, expecting: [201])

                let read = try await cluster.http.readConfig(reader.baseURL, tenant: "acme")
                let config = try read.decode(ConfigDocument.self)
                #expect(config.value("payments", "retries") == 3)
                #expect(config.index >= receipt.index)
                #expect(read.header("X-ECS-Node") == reader.id)

                await #expect(throws: (any Error).self, "plain http to a TLS port must fail") {
                    try await cluster.http.send(.GET, "http://\(reader.httpAddress)/readyz", timeout: .seconds(2))
                }
            }
        }

        @Test("ecsctl reaches an https node with --cacert")
        func ecsctlWithCACertificate() async throws {
            try #require(ECSCtlExecutable.isBuilt, Comment(rawValue: ECSCtlExecutable.missingHint))
            try await LocalCluster.run(tls: true) { cluster in
                _ = try await cluster.awaitLeader()
                let ca = try #require(cluster.certificates).appendingPathComponent("ca.pem").path
                let run = try ECSCtlExecutable.run([
                    "status", "--endpoint", cluster.nodes[0].baseURL, "--cacert", ca, "--token", cluster.http.token,
                ])
                #expect(run.status == 0, "\(run)")
                #expect(run.output.contains(cluster.nodes[0].id), "\(run)")
            }
        }

        @Test("a node whose TLS files are missing or do not go together refuses to start with one line")
        func unusableTLSFilesAreRefused() async throws {
            try await LocalCluster.run(tenants: [], tls: true) { cluster in
                let spec = cluster.nodes[0]
                _ = await cluster.terminate(spec.id)
                let certificates = try #require(cluster.certificates)
                let arguments = cluster.arguments(for: spec)
                for refused in [
                    arguments.setting("--tls-key", to: certificates.appendingPathComponent("missing.key").path),
                    arguments.setting("--tls-key", to: certificates.appendingPathComponent("n2.key").path),
                    arguments.removing("--tls-ca"),
                ] {
                    let attempt = try await StartupAttempt.run(refused, scratch: cluster.folder)
                    attempt.expectRefused()
                    #expect(attempt.errorOutput.contains("--tls-"), "\(attempt.errorOutput)")
                }
            }
        }
    }
}
