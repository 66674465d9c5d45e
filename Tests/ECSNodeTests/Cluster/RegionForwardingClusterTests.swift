import Foundation
import Testing

extension ClusterTests {
    /// Region forwarding on real processes: two regions of one node each, `eu` (the platform
    /// region) and `us`. Every request here is sent to `us` about a tenant homed in `eu`; whether
    /// `us` already has the tenant in its directory copy (federation) or not, it must end in `eu`.
    @Suite(.timeLimit(.minutes(2)))
    struct RegionForwardingClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("writes, strict reads and platform writes sent to us land in eu; its watch is 307; eu down is 503")
        func forwardedToHome() async throws {
            try await LocalRegions.run(["eu", "us"]) { regions in
                let eu = regions["eu"].nodes[0].baseURL
                let us = regions["us"].nodes[0].baseURL
                let http = regions["us"].http

                let created = try await http.send(
                    .PUT, "\(us)/v1/tenants/acme",
                    json: Data(#"{"edition": "pro", "homeRegion": "eu", "residency": "strict"}"#.utf8))
                #expect(created.status == 201, "\(created)")
                #expect(created.header("X-ECS-Region") == "eu")

                let written = try await http.putItem(us, tenant: "acme", set: "payments", key: "retries", value: 3)
                #expect(written.status == 201, "\(written)")
                #expect(written.header("X-ECS-Region") == "eu")
                let atHome = try await http.readConfig(eu, tenant: "acme")
                #expect(atHome.header("X-ECS-Region") == "eu")
                #expect(try atHome.json["sets"]?["payments"]?["items"] == ["retries": 3])

                let throughUS = try await http.readConfig(us, tenant: "acme")
                #expect(throughUS.status == 200, "\(throughUS)")
                #expect(throughUS.header("X-ECS-Region") == "eu", "a strict tenant's read is served at home")
                #expect(throughUS.header("X-ECS-Relayed-From") == eu)
                #expect(try throughUS.json["sets"]?["payments"]?["items"] == ["retries": 3])

                let watch = try await http.send(.GET, "\(us)/v1/tenants/acme/watch?sets=payments")
                #expect(watch.status == 307, "\(watch)")
                #expect(watch.header("Location") == "\(eu)/v1/tenants/acme/watch?sets=payments")

                let platform = try await http.send(
                    .PUT, "\(us)/v1/platform/sets/payments/items/timeout?scope=global", json: Data("30".utf8))
                #expect(platform.status == 201, "\(platform)")
                #expect(platform.header("X-ECS-Region") == "eu")
                let withPlatform = try await http.readConfig(eu, tenant: "acme")
                #expect(try withPlatform.json["sets"]?["payments"]?["items"] == ["retries": 3, "timeout": 30])

                try await regions["eu"].killNine(regions["eu"].nodes[0].id)
                let stranded = try await http.putItem(us, tenant: "acme", set: "payments", key: "retries", value: 4)
                #expect(stranded.status == 503, "\(stranded)")
                #expect(stranded.header("Retry-After") == "1")
                #expect(stranded.header("Content-Type") == "application/problem+json")
                let detail = try #require(stranded["detail"]?.stringValue)
                #expect(detail.contains("region eu"), "the problem names the region: \(detail)")

                let unauthenticated = try await http.send(
                    .PUT, "\(us)/v1/tenants/acme/sets/payments/items/retries?scope=tenant", json: Data("5".utf8),
                    as: .bearer("not-a-token"))
                #expect(unauthenticated.status == 401, "checked in us, without eu: \(unauthenticated)")
            }
        }
    }
}
