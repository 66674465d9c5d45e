import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: edition limits (413, 429 + Retry-After)")
struct EditionLimitsTests {
    let items = "/v1/tenants/acme/sets/payments/items"

    /// The harness's API with edition `pro` (acme's and globex's) limited to `limits`, and the
    /// writes-per-second buckets on `clock`.
    func application(
        _ harness: APITestHarness, _ limits: EditionLimits, clock: SteppedClock = SteppedClock()
    ) -> some ApplicationProtocol {
        var dependencies = harness.dependencies()
        dependencies.editions.editions["pro"] = limits
        dependencies.monotonicNow = { clock.now }
        return harness.application(with: dependencies)
    }

    private func detail(of response: TestResponse) -> String {
        if case .string(let detail)? = response["detail"] { detail } else { "" }
    }

    func limits(
        value: Int = 1_000, keys: Int = 1_000, request: Int = 1_000, writes: Int = 1_000
    ) -> EditionLimits {
        EditionLimits(maxValueBytes: value, maxKeysPerSet: keys, maxRequestBytes: request, writesPerSecond: writes)
    }

    @Test("a request body over the edition's limit is 413, naming the limit and the edition")
    func requestSize() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await application(harness, limits(request: 64)).test(.router) { client in
            let padded = String(repeating: " ", count: 61) + "1   "
            let response = try await client.send(.put, "\(items)/k", token: token, body: padded)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            let detail = detail(of: response)
            #expect(detail.contains("65 bytes") && detail.contains("allows 64 bytes") && detail.contains("'pro'"))
            #expect(detail.contains("max-request-bytes"))
            #expect(try await client.send(.put, "\(items)/k", token: token, body: "1").status == .created)
        }
    }

    @Test("a value over the edition's limit is 413; its canonical size counts, not its spelling")
    func valueSize() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await application(harness, limits(value: 19)).test(.router) { client in
            let spaced = "[1, 2, 3, 4, 5, 6, 7, 8, 9]"
            #expect(try await client.send(.put, "\(items)/a", token: token, body: spaced).status == .created)
            let large = try await client.send(.put, "\(items)/b", token: token, body: "[1,2,3,4,5,6,7,8,9,0]")
            #expect(large.status == .contentTooLarge)
            #expect(large["type"] == "urn:ecs:problem:value-too-large")
            #expect(detail(of: large).contains("edition 'pro'") && detail(of: large).contains("max-value-bytes"))
        }
    }

    @Test("a set at its key quota refuses new keys with 429 + Retry-After; its keys stay writable at any scope")
    func keyQuota() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await application(harness, limits(keys: 2)).test(.router) { client in
            #expect(try await client.send(.put, "\(items)/a", token: token, body: "1").status == .created)
            #expect(try await client.send(.put, "\(items)/b?scope=env:prod", token: token, body: "1").status == .ok)
            let refused = try await client.send(.put, "\(items)/c", token: token, body: "1")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "60")
            #expect(refused["type"] == "urn:ecs:problem:key-quota-exceeded")
            #expect(detail(of: refused).contains("'pro'") && detail(of: refused).contains("2 distinct keys"))

            #expect(try await client.send(.put, "\(items)/a", token: token, body: "2").status == .ok)
            #expect(
                try await client.send(.put, "\(items)/b", token: token, body: "2").status == .ok, "b at another scope")
            #expect(try await client.send(.put, "\(items)/a?scope=app:prod/web", token: token, body: "3").status == .ok)
            let otherSet = "/v1/tenants/acme/sets/billing/items/c"
            #expect(try await client.send(.put, otherSet, token: token, body: "1").status == .created)
            #expect(try await client.send(.delete, "\(items)/a", token: token).status == .ok)
            #expect(try await client.send(.put, "\(items)/c", token: token, body: "1").status == .tooManyRequests)
            #expect(try await client.send(.delete, "\(items)/a?scope=app:prod/web", token: token).status == .ok)
            #expect(try await client.send(.put, "\(items)/c", token: token, body: "1").status == .ok, "a is gone")
        }
    }

    @Test("writes over the edition's rate are 429 + Retry-After, per tenant, and allowed again once refilled")
    func writesPerSecond() async throws {
        let harness = try APITestHarness()
        let clock = SteppedClock()
        let acme = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let globex = try await TestTokens.bearer(tenant: "globex", scopes: [.write])
        try await application(harness, limits(writes: 2), clock: clock).test(.router) { client in
            for value in 1...4 {
                #expect(try await client.send(.put, "\(items)/k", token: acme, body: "\(value)").status.code < 300)
            }
            let limited = try await client.send(.put, "\(items)/k", token: acme, body: "5")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "1")
            #expect(limited["type"] == "urn:ecs:problem:rate-limited")
            #expect(detail(of: limited).contains("'pro'") && detail(of: limited).contains("2 writes per second"))
            #expect(try await client.send(.delete, "\(items)/k", token: acme).status == .tooManyRequests)
            let otherTenant = "/v1/tenants/globex/sets/payments/items/k"
            #expect(try await client.send(.put, otherTenant, token: globex, body: "1").status == .created)

            clock.step(.milliseconds(400))
            #expect(try await client.send(.put, "\(items)/k", token: acme, body: "6").status == .tooManyRequests)
            clock.step(.milliseconds(200))
            #expect(try await client.send(.put, "\(items)/k", token: acme, body: "6").status == .ok)
            #expect(try await client.send(.put, "\(items)/k", token: acme, body: "7").status == .tooManyRequests)
            clock.step(.seconds(60))
            for value in 8...11 {
                #expect(try await client.send(.put, "\(items)/k", token: acme, body: "\(value)").status == .ok)
            }
            #expect(try await client.send(.put, "\(items)/k", token: acme, body: "12").status == .tooManyRequests)
        }
    }

    @Test("limits follow the tenant's edition; an edition not listed gets the default limits")
    func perEdition() async throws {
        let harness = try APITestHarness()
        try harness.state.addTenant("initech", edition: "free")
        try harness.state.addTenant("hooli", edition: "unheard-of")
        let free = try await TestTokens.bearer(tenant: "initech", scopes: [.write])
        let other = try await TestTokens.bearer(tenant: "hooli", scopes: [.write])
        let value = "\"" + String(repeating: "x", count: 5_000) + "\""
        try await harness.application().test(.router) { client in
            let refused = try await client.send(.put, "/v1/tenants/initech/sets/s/items/k", token: free, body: value)
            #expect(refused.status == .contentTooLarge)
            #expect(detail(of: refused).contains("'free'") && detail(of: refused).contains("allows 4096 bytes"))
            let fallback = try await client.send(.put, "/v1/tenants/hooli/sets/s/items/k", token: other, body: value)
            #expect(fallback.status == .created, "the default edition allows 32 KiB")
        }
    }

    @Test("platform layers have no edition; a value over 1 MiB once canonical is still 413, refused when applied")
    func platformHardCap() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        // 300 KB of body, but every 1e20 is written out as 21 digits in canonical JSON: 1.3 MB.
        let expanding = "[" + Array(repeating: "1e20", count: 60_000).joined(separator: ",") + "]"
        try await harness.application().test(.router) { client in
            let platform = "/v1/platform/sets/s/items/k?scope=global"
            let response = try await client.send(.put, platform, token: admin, body: expanding)
            #expect(response.status == .contentTooLarge)
            #expect(response["type"] == "urn:ecs:problem:value-too-large")
            let small = "[" + Array(repeating: "1e20", count: 1_000).joined(separator: ",") + "]"
            #expect(try await client.send(.put, platform, token: admin, body: small).status == .created)
        }
    }
}
