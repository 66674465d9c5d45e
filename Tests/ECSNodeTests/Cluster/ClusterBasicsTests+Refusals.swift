import Foundation
import Testing

extension ClusterTests.ClusterBasicsTests {
    @Test("bad flags and a bad config file are refused with exit status 1 and a one-line reason")
    func badFlagsAreRefused() async throws {
        try await LocalCluster.run(size: 1) { cluster in
            let spec = cluster.nodes[0]
            let ports = try LoopbackPorts.pick(2)
            // A complete, valid command line for another node, made wrong one flag at a time.
            let valid = cluster.arguments(for: spec)
                .setting("--data-dir", to: cluster.folder.appendingPathComponent("fresh").path)
                .setting("--http", to: "127.0.0.1:\(ports[0])")
                .setting("--raft", to: "127.0.0.1:\(ports[1])")
                .setting("--peers", to: "n1=127.0.0.1:\(ports[1])")
            let badYAML = cluster.folder.appendingPathComponent("bad.yaml")
            try Data("tuning:\n  tick-millis: 10\n".utf8).write(to: badYAML)

            for arguments in [
                valid + ["--no-such-flag"],
                valid.setting("--http", to: "127.0.0.1:not-a-port"),
                valid + ["--metrics", "127.0.0.1:not-a-port"],
                valid.removing("--id"),
                valid.setting("--auth-secret-file", to: cluster.folder.appendingPathComponent("missing").path),
                valid.setting("--config", to: badYAML.path),
            ] {
                try await StartupAttempt.run(arguments, scratch: cluster.folder).expectRefused()
            }
        }
    }

    @Test("busy ports, a locked data folder and another node's or region's data are refused")
    func busyPortsAndForeignDataAreRefused() async throws {
        try await LocalCluster.run(size: 1) { cluster in
            let spec = cluster.nodes[0]
            let running = cluster.arguments(for: spec)
            let ports = try LoopbackPorts.pick(2)
            let elsewhere =
                running
                .setting("--data-dir", to: cluster.folder.appendingPathComponent("elsewhere").path)
                .setting("--http", to: "127.0.0.1:\(ports[0])")
                .setting("--raft", to: "127.0.0.1:\(ports[1])")
                .setting("--peers", to: "n1=127.0.0.1:\(ports[1])")

            // While n1 runs: its HTTP port (also as the metrics listener's), its Raft port, its data folder.
            try await StartupAttempt.run(elsewhere.setting("--http", to: spec.httpAddress), scratch: cluster.folder)
                .expectRefused()
            try await StartupAttempt.run(elsewhere + ["--metrics", spec.httpAddress], scratch: cluster.folder)
                .expectRefused()
            try await StartupAttempt.run(
                elsewhere.setting("--raft", to: spec.raftAddress).setting("--peers", to: "n1=\(spec.raftAddress)"),
                scratch: cluster.folder
            ).expectRefused()
            try await StartupAttempt.run(
                elsewhere.setting("--data-dir", to: spec.dataDirectory.path), scratch: cluster.folder
            ).expectRefused()

            #expect(await cluster.terminate(spec.id) == .exited(0), "\(cluster.logTails())")

            // n1's folder, stopped, claimed by another region or another node.
            try await StartupAttempt.run(running.setting("--region", to: "elsewhere"), scratch: cluster.folder)
                .expectRefused()
            try await StartupAttempt.run(
                running.setting("--id", to: "n9").setting("--peers", to: "n9=\(spec.raftAddress)"),
                scratch: cluster.folder
            ).expectRefused()

            // And the refusals left it intact: n1 starts again on it.
            try cluster.start(spec.id)
            try await cluster.awaitReady()
        }
    }
}
