import Testing

@testable import ECSNode

@Suite("Watch slots per tenant (max-watches)")
struct WatchSlotsTests {
    @Test("a tenant gets at most its limit of leases; dropping one frees its slot; tenants are counted apart")
    func leases() {
        let slots = WatchSlots()
        var first = slots.lease(for: "acme", limit: 2)
        let second = slots.lease(for: "acme", limit: 2)
        #expect(first != nil && second != nil)
        #expect(slots.lease(for: "acme", limit: 2) == nil)
        #expect(slots.lease(for: "globex", limit: 2) != nil)
        #expect(slots.count(for: "acme") == 2)
        first = nil
        #expect(slots.count(for: "acme") == 1)
        #expect(slots.lease(for: "acme", limit: 2) != nil)
        #expect(slots.count(for: "acme") == 1, "the lease taken above was dropped at once")
        withExtendedLifetime(second) {}
    }
}
