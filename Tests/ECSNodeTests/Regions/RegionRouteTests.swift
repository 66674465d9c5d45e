import HTTPTypes
import Testing

@testable import ECSNode

/// The routing rule of `RegionRoute`, as a table: method, path, the regions the request passed
/// through and this node's directory copy → where the request must be answered.
@Suite("Regions: which region answers a request")
struct RegionRouteTests {
    /// A node of `us`; `eu` owns the platform, `ap` is a third region.
    static let us = RegionMap(
        local: "us", seeds: ["eu": ["http://eu-1:8080", "http://eu-2:8080"], "ap": ["http://ap-1:8080"]],
        platform: "eu")
    /// A node of the platform region `eu`.
    static let eu = RegionMap(local: "eu", seeds: ["us": ["http://us-1:8080"]], platform: "eu")

    /// The directory copy both nodes see in these cases (before federation catches up with
    /// `fresh`, which only the platform region knows).
    static let directory: [String: TenantRecord] = [
        "strict-eu": record("strict-eu", home: "eu", .strict),
        "shared-eu": record("shared-eu", home: "eu", .replicated),
        "strict-us": record("strict-us", home: "us", .strict),
        "strict-ap": record("strict-ap", home: "ap", .strict),
        "lost": record("lost", home: "mars", .strict),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var at: RegionMap
        var method: HTTPRequest.Method
        var path: String
        var trail: [String] = []
        var expected: RegionRoute

        var testDescription: String {
            "\(at.local): \(method) \(path)" + (trail.isEmpty ? "" : " via \(trail)") + " → \(expected)"
        }
    }

    static let cases: [Case] = [
        // Node-level and region-level routes stay local.
        Case(at: us, method: .get, path: "/healthz", expected: .local),
        Case(at: us, method: .get, path: "/v1/cluster/status", expected: .local),
        Case(at: us, method: .post, path: "/v1/cluster/members", expected: .local),
        Case(at: us, method: .get, path: "/v1/federation/outbox", expected: .local),
        Case(at: us, method: .get, path: "/v1/keys/signing", expected: .local),
        Case(at: us, method: .get, path: "/v1/tenants", expected: .local),
        // The directory and platform writes belong to the platform region; platform reads are local.
        Case(at: us, method: .put, path: "/v1/tenants/fresh", expected: .forward("eu")),
        Case(at: us, method: .put, path: "/v1/tenants/strict-us", expected: .forward("eu")),
        Case(at: us, method: .put, path: "/v1/platform/sets/limits/items/k", expected: .forward("eu")),
        Case(at: us, method: .delete, path: "/v1/platform/sets/limits/schema", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/platform/sets/limits/schema", expected: .local),
        Case(at: us, method: .get, path: "/v1/platform/audit", expected: .local),
        Case(at: eu, method: .put, path: "/v1/tenants/fresh", expected: .local),
        Case(at: eu, method: .put, path: "/v1/platform/sets/limits/items/k", expected: .local),
        // A strict tenant of another region: everything goes home, its watch is redirected.
        Case(at: us, method: .put, path: "/v1/tenants/strict-eu/sets/s/items/k", expected: .forward("eu")),
        Case(at: us, method: .delete, path: "/v1/tenants/strict-eu/sets/s/items/k", expected: .forward("eu")),
        Case(at: us, method: .post, path: "/v1/tenants/strict-eu/sets/s/drafts", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-eu/config", expected: .forward("eu")),
        Case(at: us, method: .head, path: "/v1/tenants/strict-eu/config", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-eu", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-eu/audit", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-eu/watch", expected: .redirect("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-ap/config", expected: .forward("ap")),
        Case(at: eu, method: .get, path: "/v1/tenants/strict-us/config", expected: .forward("us")),
        Case(at: eu, method: .get, path: "/v1/tenants/strict-us/watch", expected: .redirect("us")),
        // A replicated tenant of another region: reads here, writes home.
        Case(at: us, method: .get, path: "/v1/tenants/shared-eu/config", expected: .local),
        Case(at: us, method: .get, path: "/v1/tenants/shared-eu/watch", expected: .local),
        Case(at: us, method: .get, path: "/v1/tenants/shared-eu/sets/s/versions", expected: .local),
        Case(at: us, method: .put, path: "/v1/tenants/shared-eu/sets/s/items/k", expected: .forward("eu")),
        Case(at: us, method: .put, path: "/v1/tenants/shared-eu/sets/s/policy", expected: .forward("eu")),
        // A tenant of this region is served here.
        Case(at: us, method: .get, path: "/v1/tenants/strict-us/config", expected: .local),
        Case(at: us, method: .put, path: "/v1/tenants/strict-us/sets/s/items/k", expected: .local),
        Case(at: us, method: .get, path: "/v1/tenants/strict-us/watch", expected: .local),
        // Unknown here: the platform region knows every tenant; the platform region answers 404 itself.
        Case(at: us, method: .get, path: "/v1/tenants/fresh/config", expected: .forward("eu")),
        Case(at: us, method: .put, path: "/v1/tenants/fresh/sets/s/items/k", expected: .forward("eu")),
        Case(at: us, method: .get, path: "/v1/tenants/fresh/watch", expected: .redirect("eu")),
        Case(at: eu, method: .get, path: "/v1/tenants/fresh/config", expected: .local),
        Case(at: eu, method: .get, path: "/v1/tenants/fresh/watch", expected: .local),
        // Junk stays here (400 from this node).
        Case(at: us, method: .get, path: "/v1/tenants/Not_A_Name/config", expected: .local),
        Case(at: us, method: .put, path: "/v1/tenants/Not_A_Name", expected: .local),
        // A home region this node has no endpoint for.
        Case(
            at: us, method: .get, path: "/v1/tenants/lost/config",
            expected: .refuse(
                region: "mars",
                reason: "this node has no endpoint for region mars (its --region-seeds name ap, eu); "
                    + "ask a node of that region")),
        // The trail: never back to a region the request has passed through.
        Case(
            at: us, method: .get, path: "/v1/tenants/fresh/config", trail: ["eu"],
            expected: .refuse(
                region: "eu",
                reason: "tenant fresh is not yet known in region us (its directory copy is catching up); retry")),
        Case(
            at: eu, method: .put, path: "/v1/tenants/strict-us/sets/s/items/k", trail: ["us"],
            expected: .refuse(
                region: "us",
                reason: "tenant strict-us is not yet known in region us (its directory copy is catching up); retry")),
        Case(
            at: us, method: .put, path: "/v1/tenants/fresh", trail: ["eu"],
            expected: .refuse(
                region: "eu",
                reason: "the regions disagree about which one is the platform region (--platform-region): "
                    + "this request came back to one it passed through")),
        Case(at: us, method: .get, path: "/v1/tenants/strict-eu/config", trail: ["ap"], expected: .forward("eu")),
        Case(at: eu, method: .get, path: "/v1/tenants/strict-eu/config", trail: ["us"], expected: .local),
        Case(at: eu, method: .get, path: "/v1/tenants/fresh/config", trail: ["us"], expected: .local),
    ]

    @Test(arguments: cases)
    func route(_ example: Case) {
        let route = RegionRoute.decide(
            method: example.method, path: example.path, regions: example.at, trail: example.trail,
            tenant: { Self.directory[$0] })
        #expect(route == example.expected)
    }

    @Test("a tenant the route does not need is never looked up (node routes, the tenant list, platform paths)")
    func lookupsOnlyForTenantRoutes() {
        for path in ["/healthz", "/v1/tenants", "/v1/platform/sets/s/items/k", "/v1/cluster/status"] {
            _ = RegionRoute.decide(
                method: .put, path: path, regions: Self.us, trail: [],
                tenant: { name in
                    Issue.record("looked up \(name) for \(path)"); return nil
                })
        }
    }

    private static func record(_ tenant: String, home: String, _ residency: Residency) -> TenantRecord {
        TenantRecord(
            tenant: tenant, edition: "pro", homeRegion: home, residency: residency, createdAt: 0, updatedAt: 0)
    }
}
