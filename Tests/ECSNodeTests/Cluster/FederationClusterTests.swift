import Admin
import Foundation
import Testing

extension ClusterTests {
    /// Federation on real processes: two regions of three nodes, `eu` (the platform region, home of
    /// the tenants) and `us`, which keeps copies of what `eu` shares.
    @Suite(.timeLimit(.minutes(5)))
    struct FederationClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test(
            "us copies eu's replicated tenant through kill -9, leader changes and being down; its watch fires; a strict tenant's marker never reaches us's files"
        )
        func replicatedCopies() async throws {
            try await LocalRegions.run(["eu", "us"], nodesPerRegion: 3) { regions in
                let eu = regions["eu"]
                let us = regions["us"]
                let http = eu.http
                let usEntry = us.nodes[0].baseURL
                for (tenant, residency) in [("initech", "replicated"), ("hooli", "strict")] {
                    let created = try await http.send(
                        .PUT, "\(usEntry)/v1/tenants/\(tenant)",
                        json: Data(#"{"edition": "pro", "homeRegion": "eu", "residency": "\#(residency)"}"#.utf8))
                    #expect(created.status == 201 && created.header("X-ECS-Region") == "eu", "\(created)")
                }
                let drift = try await Self.caughtUp(us, from: usEntry)
                #expect(drift.platform?.localVersion == 2, "both directory changes reached us: \(drift)")
                // us's leader, which replays, reports its lag behind eu: none once caught up.
                let replaying = try await us.awaitLeader()
                _ = try await ClusterTests.MetricsClusterTests.scrape(
                    replaying.baseURL + "/metrics", cluster: us, until: "us's leader reports no lag behind eu"
                ) { page in
                    page.samples.contains { $0.name == "ecs_federation_lag_versions" && $0.labels["region"] == "eu" }
                        && page.sum("ecs_federation_lag_versions", ["region": "eu"]) == 0
                        && page.sum("ecs_federation_lag_seconds", ["region": "eu"]) == 0
                }

                // A write sent to us lands in eu, comes back as a replay, and fires us's watch.
                let (stream, _) = try await EventStreamClient.watch(
                    "\(us.nodes[1].baseURL)/v1/tenants/initech/watch?sets=payments", token: try await us.watchToken())
                let written = try await http.putItem(
                    usEntry, tenant: "initech", set: "payments", key: "retries", value: 1)
                #expect(written.status == 201 && written.header("X-ECS-Region") == "eu", "\(written)")
                let event = try await stream.nextEvent(within: .seconds(30))
                await stream.close()
                #expect(event.event == "config.published")
                #expect(try event.json["data"]?["version"] == 1)
                #expect(try event.json["subject"] == "initech/payments")

                let strictMarker = "strict-marker-\(UUID().uuidString)"
                let replicatedMarker = "replicated-marker-\(UUID().uuidString)"
                for (tenant, marker) in [("hooli", strictMarker), ("initech", replicatedMarker)] {
                    let reply = try await http.send(
                        .PUT, "\(eu.nodes[0].baseURL)/v1/tenants/\(tenant)/sets/payments/items/marker?scope=tenant",
                        json: Data("\"\(marker)\"".utf8))
                    #expect(reply.isSuccess, "\(reply)")
                }

                // us's leader dies while eu keeps writing: the next us leader goes on from the position.
                let usLeader = try await us.awaitLeader()
                try await us.killNine(usLeader.id)
                var value = 1
                value = try await Self.write(through: eu, from: value, count: 5)
                let running = us.nodes.first { $0.id != usLeader.id }!.baseURL
                _ = try await Self.caughtUp(us, from: running)
                try us.start(usLeader.id)

                // All of us down for a while, and eu's leader changes meanwhile.
                for node in us.nodes { _ = await us.terminate(node.id) }
                value = try await Self.write(through: eu, from: value, count: 5)
                let euLeader = try await eu.awaitLeader()
                try await eu.killNine(euLeader.id)
                value = try await Self.write(through: eu, from: value, count: 5)
                try eu.start(euLeader.id)
                for node in us.nodes { try us.start(node.id) }
                try await us.awaitReady()
                let final = try await Self.caughtUp(us, from: usEntry)
                let initech = final.tenants?.first { $0.tenant == "initech" }
                #expect(initech?.homeVersion == 17 && initech?.localVersion == 17, "2 + 15 changes: \(final)")

                let copy = try await http.readConfig(usEntry, tenant: "initech", consistency: .local)
                #expect(copy.header("X-ECS-Region") == "us", "a replicated tenant is read from us's own copy")
                #expect(value == 16)
                #expect(try copy.json["sets"]?["payments"]?["items"]?["retries"] == 16)
                #expect(copy.text.contains(replicatedMarker))

                let report = try ClusterTests.ECSCtlTests.ecsctl(["drift", "--endpoint", usEntry], us)
                #expect(report.status == 0 && report.output.contains("caught up"), "\(report)")

                #expect(try Self.files(under: us.folder, containing: strictMarker).isEmpty)
                #expect(try !Self.files(under: us.folder, containing: replicatedMarker).isEmpty)
                #expect(try !Self.files(under: eu.folder, containing: strictMarker).isEmpty, "the scan finds markers")
            }
        }

        /// Writes `retries` = from+1 … from+count to initech through any running node of `eu`,
        /// retrying while it elects a leader; returns the last value written.
        private static func write(through eu: LocalCluster, from: Int, count: Int) async throws -> Int {
            for value in (from + 1)...(from + count) {
                try await poll("write \(value) in eu", timeout: .seconds(30), interval: .milliseconds(200)) {
                    for node in eu.nodes where eu.isRunning(node.id) {
                        let reply = try? await eu.http.putItem(
                            node.baseURL, tenant: "initech", set: "payments", key: "retries", value: value)
                        if reply?.isSuccess == true { return true }
                    }
                    return nil
                }
            }
            return from + count
        }

        /// Waits until `region`'s copies of the other region are caught up (asked at `node`), and
        /// returns that remote's drift entry.
        private static func caughtUp(
            _ region: LocalCluster, from node: String
        ) async throws
            -> FederationDrift.Remote
        {
            try await poll("\(region.region) caught up", timeout: .seconds(60), interval: .milliseconds(100)) {
                let reply = try? await region.http.send(.GET, "\(node)/v1/federation/status")
                guard let reply, reply.status == 200,
                    let drift = try? JSONDecoder().decode(FederationDrift.self, from: reply.body),
                    let remote = drift.remotes.first, remote.reachable, remote.lagVersions == 0
                else { return nil }
                return remote
            }
        }

        /// The files under `folder` whose bytes contain `marker`.
        private static func files(under folder: URL, containing marker: String) throws -> [String] {
            let needle = Data(marker.utf8)
            var hits: [String] = []
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let file = walker?.nextObject() as? URL {
                guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
                if let bytes = try? Data(contentsOf: file), bytes.range(of: needle) != nil { hits.append(file.path) }
            }
            return hits
        }
    }
}
