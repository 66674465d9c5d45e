import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Two regions on real ephemeral ports: a node of `eu` (the platform region, home of `acme`) and
/// a node of `us` whose directory copy says `acme` is a strict tenant of `eu` and `shared` a
/// replicated one; `us` reaches `eu` through its `--region-seeds`.
@Suite("HTTP: regions forward to the home region")
struct RegionForwardingTests {
    /// A seed nothing listens on: connecting is refused, so nothing was sent.
    static let refusingSeed = "http://127.0.0.1:1"

    @Test("writes and strict reads through us land in eu; its answer comes back marked; us stores nothing")
    func forwardedToHome() async throws {
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
        try await withRegions { regions in
            let created = try await regions.client.send(
                .put, "/v1/tenants/acme/sets/s/items/k?scope=tenant", token: token, body: "7")
            #expect(created.status == .created)
            #expect(created.headers[.ecsRegion] == "eu")
            #expect(created.headers[.ecsRelayedFrom] == regions.euURL)
            #expect(created.headers[.ecsRoutedTo] == "eu")
            let read = try await regions.client.send(.get, "/v1/tenants/acme/config?env=prod", token: token)
            #expect(read.status == .ok)
            #expect(read.headers[.ecsRegion] == "eu")
            #expect(try read.json["sets"]?["s"]?["items"] == ["k": 7])
            #expect(try regions.eu.state.resolve(ConfigQuery(tenant: "acme", env: "prod")).sets["s"]?.version == 1)
            #expect(try regions.us.state.dumpTables()[ConfigTables.versionsName]?.isEmpty ?? true, "nothing in us")
            #expect(regions.usTally.drain().isEmpty, "eu audits what it served; us keeps no record of acme")
        }
    }

    @Test("a tenant write through us goes to the platform region, whatever the tenant's home")
    func directoryWritesGoToPlatform() async throws {
        let admin = try await TestTokens.platformAdmin()
        try await withRegions { regions in
            let created = try await regions.client.send(
                .put, "/v1/tenants/initech", token: admin, body: #"{"edition":"pro","homeRegion":"us"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.ecsRegion] == "eu")
            #expect(try created.json["homeRegion"] == "us")
            let defaulted = try await regions.client.send(
                .put, "/v1/tenants/hooli", token: admin, body: #"{"edition":"pro"}"#)
            #expect(defaulted.status == .created)
            #expect(try defaulted.json["homeRegion"] == "us", "the region the client called, not the platform's")
            let platform = try await regions.client.send(
                .put, "/v1/platform/sets/limits/items/k?scope=global", token: admin, body: "1")
            #expect(platform.status == .created)
            #expect(platform.headers[.ecsRegion] == "eu")
            #expect(try regions.eu.state.dumpTables()[ConfigTables.versionsName]?.count == 1, "the platform layer")
        }
    }

    @Test("a replicated tenant's reads are served in us; its writes go home")
    func replicatedReadsStayLocal() async throws {
        let token = try await TestTokens.bearer(tenant: "shared", scopes: [.write, .read])
        try await withRegions { regions in
            let read = try await regions.client.send(.get, "/v1/tenants/shared/config?env=prod", token: token)
            #expect(read.status == .ok)
            #expect(read.headers[.ecsRegion] == "us")
            #expect(read.headers[.ecsRoutedTo] == nil)
            let write = try await regions.client.send(
                .put, "/v1/tenants/shared/sets/s/items/k?scope=tenant", token: token, body: "1")
            #expect(write.status == .created)
            #expect(write.headers[.ecsRegion] == "eu")
        }
    }

    @Test("a strict tenant's watch through us is 307 to eu with the same path and query")
    func watchRedirects() async throws {
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await withRegions(seedsBefore: [Self.refusingSeed]) { regions in
            let path = "/v1/tenants/acme/watch?sets=s"
            let redirect = try await regions.client.send(.get, path, token: token)
            #expect(redirect.status == .temporaryRedirect)
            #expect(redirect.headers[.location] == Self.refusingSeed + path, "the first seed until one answered")
            #expect(redirect.headers[.ecsRoutedTo] == "eu")
        }
    }

    @Test("the token is checked in us before anything is relayed: 401 with eu unreachable")
    func authenticatesFirst() async throws {
        let forged = try await TestTokens.make(tenant: "acme", scopes: [.write], key: Array("another key".utf8))
        try await withRegions(seedsBefore: [Self.refusingSeed], euReachable: false) { regions in
            let missing = try await regions.client.send(.put, "/v1/tenants/acme/sets/s/items/k", body: "1")
            #expect(missing.status == .unauthorized)
            let bad = try await regions.client.send(.get, "/v1/tenants/acme/config", token: "Bearer \(forged)")
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.contentType] == "application/problem+json")
            #expect(bad.headers[.ecsRoutedTo] == "eu")
            #expect(regions.usTally.drain().isEmpty, "a strict tenant's refusals are not audited outside its home")
        }
    }

    @Test("a refused seed is skipped (the write certainly did not arrive); all refused: 503 naming the region")
    func seedFailover() async throws {
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await withRegions(seedsBefore: [Self.refusingSeed]) { regions in
            let write = try await regions.client.send(.put, "/v1/tenants/acme/sets/s/items/k", token: token, body: "1")
            #expect(write.status == .created)
            #expect(try regions.eu.state.resolve(ConfigQuery(tenant: "acme", env: "prod")).sets["s"]?.version == 1)
        }
        try await withRegions(seedsBefore: [Self.refusingSeed], euReachable: false) { regions in
            let write = try await regions.client.send(.put, "/v1/tenants/acme/sets/s/items/k", token: token, body: "1")
            #expect(write.status == .serviceUnavailable)
            #expect(write.headers[.retryAfter] == "1")
            #expect(write.headers[.contentType] == "application/problem+json")
            let detail = try #require(write["detail"]?.stringValue)
            #expect(detail.hasPrefix("region eu serves this request but none of its endpoints could be reached"))
            #expect(detail.contains(Self.refusingSeed))
        }
    }

    @Test("a seed that takes a write and never answers: 504, and the write is not sent to the next seed")
    func unknownOutcome() async throws {
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
        let silent = try PortListener()
        try await withRegions(seedsBefore: ["http://127.0.0.1:\(silent.port)"], timeout: .milliseconds(500)) {
            regions in
            let write = try await regions.client.send(.put, "/v1/tenants/acme/sets/s/items/k", token: token, body: "1")
            #expect(write.status == .gatewayTimeout)
            #expect(try regions.eu.state.dumpTables()[ConfigTables.versionsName]?.isEmpty ?? true, "never sent twice")
            let read = try await regions.client.send(.get, "/v1/tenants/acme/config?env=prod", token: token)
            #expect(read.status == .ok, "a read is retried on the next seed")
            #expect(read.headers[.ecsRegion] == "eu")
        }
    }

    @Test("a request that already passed through eu is not sent back: 503 saying us does not know the tenant yet")
    func trailStopsLoops() async throws {
        let token = try await TestTokens.bearer(tenant: "fresh", scopes: [.read])
        try await withRegions { regions in
            let looped = try await regions.client.send(
                .get, "/v1/tenants/fresh/config", token: token, headers: [.ecsForwardedRegion: "eu"])
            #expect(looped.status == .serviceUnavailable)
            #expect(looped.headers[.retryAfter] == "1")
            #expect(
                looped["detail"]
                    == "tenant fresh is not yet known in region us (its directory copy is catching up); retry")
            let forwarded = try await regions.client.send(.get, "/v1/tenants/fresh/config?env=prod", token: token)
            #expect(forwarded.status == .notFound, "unknown in us: asked eu, which knows every tenant")
            #expect(forwarded["type"] == "urn:ecs:problem:unknown-tenant")
            #expect(forwarded.headers[.ecsRelayedFrom] == regions.euURL)
        }
    }

    @Test("a node without seeds serves everything itself, even a tenant whose home region is another")
    func singleRegion() async throws {
        let alone = try APITestHarness(nodeName: "us-1")
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
        try await alone.application(region: "us").test(.router) { client in
            let written = try await client.send(.put, "/v1/tenants/acme/sets/s/items/k", token: token, body: "1")
            #expect(written.status == .created)
            #expect(written.headers[.ecsRegion] == "us")
            #expect(written.headers[.ecsRoutedTo] == nil)
            let unknown = try await client.send(.get, "/v1/tenants/fresh/config?env=prod", token: token)
            #expect(unknown.status == .forbidden, "answered here: the token is not fresh's")
        }
    }

    @Test("the forwarder remembers the seed that answered, and the region trail arrives with this region appended")
    func stickySeedAndTrail() async throws {
        let eu = try APITestHarness(nodeName: "eu-1")
        try eu.state.addTenant("initech", homeRegion: "us")
        var euDependencies = eu.dependencies(region: "eu")
        euDependencies.regions = RegionMap(local: "eu", seeds: ["us": [Self.refusingSeed]])
        try await eu.application(with: euDependencies).test(.live) { euClient in
            let euURL = "http://127.0.0.1:\(try #require(euClient.port))"
            try await withForwardingClient { client in
                let forwarder = RegionForwarder(
                    relay: RequestRelay(client: client, timeout: .seconds(5)),
                    regions: RegionMap(local: "us", seeds: ["eu": [Self.refusingSeed, euURL]]),
                    rotation: SeedRotation())
                #expect(forwarder.endpoint(of: "eu") == Self.refusingSeed)
                let token = try await TestTokens.make(tenant: "initech", scopes: [.read])
                let head = HTTPRequest(
                    method: .get, scheme: "http", authority: "node", path: "/v1/tenants/initech/config?env=prod",
                    headerFields: [.authorization: "Bearer \(token)", .ecsForwardedRegion: "ap"])
                let request = Request(head: head, body: .init(buffer: .init()))
                let answer = try await forwarder.forward(request, body: nil, to: "eu")
                #expect(forwarder.endpoint(of: "eu") == euURL)
                #expect(answer.status == .serviceUnavailable, "eu would send initech home to us, which sent it")
                #expect(answer.headers[.ecsRelayedFrom] == euURL)
                #expect(answer.headers[.ecsRoutedTo] == "us")
            }
        }
    }
}

extension RegionForwardingTests {
    /// The two nodes of a test: `eu` (its harness and base URL) and `us` (its harness, a client
    /// of its live application, and its access tally).
    struct Regions: Sendable {
        let eu: APITestHarness
        let euURL: String
        let us: APITestHarness
        let client: any TestClientProtocol
        let usTally: AccessTally
    }

    /// Runs `body` with a live `eu` node (the platform region; `acme` and `shared` at home) and a
    /// live `us` node whose seeds for `eu` are `seedsBefore` then the `eu` node (only
    /// `seedsBefore` when not `euReachable`).
    func withRegions(
        seedsBefore: [String] = [], euReachable: Bool = true, timeout: Duration = .seconds(5),
        _ body: @Sendable (Regions) async throws -> Void
    ) async throws {
        let eu = try APITestHarness(nodeName: "eu-1")
        let us = try APITestHarness(nodeName: "us-1")
        try eu.state.addTenant("shared", residency: .replicated)
        try us.state.addTenant("shared", residency: .replicated)
        var euDependencies = eu.dependencies(region: "eu")
        // eu must know region us by name (a tenant's home must be a known region); nothing here
        // makes eu call us, so the seed is never dialled.
        euDependencies.regions = RegionMap(local: "eu", seeds: ["us": ["http://127.0.0.1:9"]])
        try await eu.application(with: euDependencies).test(.live) { euClient in
            let euURL = "http://127.0.0.1:\(try #require(euClient.port))"
            try await withForwardingClient { client in
                var dependencies = us.dependencies(region: "us", httpClient: client)
                dependencies.regions = RegionMap(local: "us", seeds: ["eu": seedsBefore + (euReachable ? [euURL] : [])])
                dependencies.forwardingTimeout = timeout
                let tally = dependencies.accessTally
                try await us.application(with: dependencies).test(.live) { usClient in
                    try await body(
                        Regions(eu: eu, euURL: euURL, us: us, client: usClient, usTally: tally))
                }
            }
        }
    }
}
