import Testing

@testable import ECSNode

@Suite("AccessTally: bounded counters of reads and refusals")
struct AccessTallyTests {
    static func key(
        _ tenant: String = "acme", actor: String = "alice", kind: AccessCounter.Kind = .read,
        route: String = "/v1/tenants/{tenant}/config", status: Int = 200
    ) -> AccessTally.Key {
        AccessTally.Key(
            namespace: .tenant(tenant), actor: actor, kind: kind, method: "GET", route: route, status: status)
    }

    @Test("answers of one key add up into one counter spanning the first to the last; drain empties the tally")
    func counting() {
        let tally = AccessTally()
        tally.count(Self.key(), at: 20)
        tally.count(Self.key(), at: 10)
        tally.count(Self.key(), at: 30)
        tally.count(Self.key(actor: "anonymous", kind: .denied, status: 401), at: 15)
        let window = tally.drain()
        #expect(window.dropped == 0)
        #expect(
            Set(window.counters.map(\.json)) == [
                AccessCounter(
                    namespace: .tenant("acme"), actor: "alice", kind: .read,
                    resource: "GET /v1/tenants/{tenant}/config",
                    status: 200, count: 3, from: 10, to: 30
                ).json,
                AccessCounter(
                    namespace: .tenant("acme"), actor: "anonymous", kind: .denied,
                    resource: "GET /v1/tenants/{tenant}/config", status: 401, count: 1, from: 15, to: 15
                ).json,
            ])
        #expect(tally.drain().isEmpty)
    }

    @Test("past its capacity new keys fold into one overflow counter per namespace, kind and status, then into dropped")
    func bounds() {
        let tally = AccessTally(capacity: 2, overflowCapacity: 2)
        tally.count(Self.key(actor: "a"), at: 1)
        tally.count(Self.key(actor: "b"), at: 1)
        for actor in ["c", "d", "e"] { tally.count(Self.key(actor: actor), at: 2) }
        tally.count(Self.key(actor: "a"), at: 3)
        tally.count(Self.key("globex", actor: "f"), at: 4)
        tally.count(Self.key("initech", actor: "g"), at: 5)
        tally.count(Self.key("initech", actor: "h"), at: 6)
        let window = tally.drain()
        let counts = Dictionary(uniqueKeysWithValues: window.counters.map { ("\($0.namespace) \($0.actor)", $0.count) })
        #expect(counts == ["acme a": 2, "acme b": 1, "acme *": 3, "globex *": 1])
        #expect(window.counters.filter { $0.actor == "*" }.allSatisfy { $0.resource == "overflow" })
        #expect(window.dropped == 2)
    }

    @Test("counters put back after a failed report merge with what was counted since")
    func restore() {
        let tally = AccessTally()
        tally.count(Self.key(), at: 10)
        let undelivered = tally.drain()
        tally.count(Self.key(), at: 40)
        tally.restore(undelivered)
        let window = tally.drain()
        #expect(window.counters.map(\.count) == [2])
        #expect(window.counters.map(\.from) == [10] && window.counters.map(\.to) == [40])
    }
}
