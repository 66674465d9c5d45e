import Testing

@testable import ECSNode

@Suite("ConfigResolver: precedence, null-hiding, platform layers, filters")
struct ConfigResolverTests {
    /// A store where `timeout` is set at every scope and `feature` is hidden by a null.
    private func layeredState() throws -> TestStateEnvironment {
        let state = try TestStateEnvironment()
        var index: UInt64 = 0
        func apply(_ command: Command) throws {
            index += 1
            #expect(try state.apply(command, at: index).receipt != nil)
        }
        try apply(Commands.put("timeout", "global", tenant: "*", scope: .global))
        try apply(Commands.put("platform.only", 1, tenant: "*", scope: .global))
        try apply(Commands.put("timeout", "edition", tenant: "*", scope: .edition("pro")))
        try apply(Commands.put("timeout", "tenant"))
        try apply(Commands.put("feature", true))
        try apply(Commands.put("timeout", "env", scope: .env("prod")))
        try apply(Commands.put("feature", .null, scope: .env("prod")))
        try apply(Commands.put("timeout", "app", scope: .app(env: "prod", app: "web")))
        try apply(Commands.put("feature", "back", scope: .app(env: "prod", app: "api")))
        try apply(Commands.put("db/pool/size", 10))
        try apply(Commands.put("db/url", "pg://", scope: .env("prod")))
        try apply(Commands.put("other", 1, set: "billing"))
        try apply(Commands.put("foreign", 1, tenant: "globex"))
        return state
    }

    private func items(
        _ state: TestStateEnvironment, env: String = "prod", app: String? = nil, edition: String? = nil,
        keys: KeyFilter = .everything, set: String = "payments"
    ) throws -> [String: JSONValue]? {
        let query = ConfigQuery(tenant: "acme", env: env, app: app, edition: edition, sets: [set], keys: keys)
        return try state.resolve(query).sets[set]?.items
    }

    @Test("the most specific scope wins: global < edition < tenant < env < app")
    func precedence() throws {
        let state = try layeredState()
        #expect(try items(state, app: "web")?["timeout"] == "app")
        #expect(try items(state, app: "other")?["timeout"] == "env")
        #expect(try items(state, env: "staging")?["timeout"] == "tenant")
        #expect(try items(state, env: "staging")?["platform.only"] == 1)
    }

    @Test("a null at a more specific scope hides the inherited value; a more specific value shows it again")
    func nullHides() throws {
        let state = try layeredState()
        #expect(try items(state, env: "staging")?["feature"] == true)
        #expect(try items(state)?.keys.contains("feature") == false)
        #expect(try items(state, app: "web")?.keys.contains("feature") == false)
        #expect(try items(state, app: "api")?["feature"] == "back")
    }

    @Test("platform layers: global for everyone, edition only for that edition")
    func platformLayers() throws {
        let state = try TestStateEnvironment()
        try state.apply(Commands.put("timeout", "global", tenant: "*", scope: .global), at: 1)
        try state.apply(Commands.put("timeout", "edition", tenant: "*", scope: .edition("pro")), at: 2)
        #expect(try items(state)?["timeout"] == "global")
        #expect(try items(state, edition: "pro")?["timeout"] == "edition")
        #expect(try items(state, edition: "free")?["timeout"] == "global")
        let resolved = try state.resolve(ConfigQuery(tenant: "acme", env: "prod", sets: ["payments"]))
        #expect(resolved.sets["payments"]?.version == 0, "the tenant never wrote the set")
    }

    @Test("keys=prefix/* and exact keys filter every layer")
    func keyFilter() throws {
        let state = try layeredState()
        #expect(try items(state, keys: KeyFilter(parsing: "db/*")!) == ["db/pool/size": 10, "db/url": "pg://"])
        #expect(
            try items(state, keys: KeyFilter(parsing: "db/pool/*,timeout")!) == ["db/pool/size": 10, "timeout": "env"])
        #expect(try items(state, keys: KeyFilter(parsing: "db/url")!) == ["db/url": "pg://"])
        #expect(try items(state, keys: KeyFilter(parsing: "db/u")!) == [:])
    }

    @Test("sets default to the tenant's own sets, each with its version")
    func defaultSets() throws {
        let state = try layeredState()
        let resolved = try state.resolve(ConfigQuery(tenant: "acme", env: "prod"))
        #expect(Set(resolved.sets.keys) == ["payments", "billing"])
        #expect(resolved.sets["payments"]?.version == 8)
        #expect(resolved.sets["billing"]?.version == 1)
        #expect(resolved.sets["billing"]?.items == ["other": 1])
        let nobody = try state.resolve(ConfigQuery(tenant: "initech", env: "prod"))
        #expect(nobody.sets.isEmpty)
    }

    @Test("the etag is stable while nothing changes and moves with any contributing layer")
    func etag() throws {
        let state = try layeredState()
        let query = ConfigQuery(tenant: "acme", env: "prod", app: "web")
        let before = try state.resolve(query).etag(for: query)
        #expect(try state.resolve(query).etag(for: query) == before)
        try state.apply(Commands.put("timeout", "global2", tenant: "*", scope: .global), at: 100)
        let afterPlatform = try state.resolve(query).etag(for: query)
        #expect(afterPlatform != before, "a platform write changes the etag even when it is overridden")
        try state.apply(Commands.put("x", 1, tenant: "globex"), at: 101)
        #expect(try state.resolve(query).etag(for: query) == afterPlatform, "another tenant's write does not")
        let otherEnv = ConfigQuery(tenant: "acme", env: "staging", app: "web")
        #expect(try state.resolve(otherEnv).etag(for: otherEnv) != afterPlatform)
    }
}
