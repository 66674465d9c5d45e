import Testing

@testable import ECSNode

@Suite("Regions: the seed that answered last is tried first")
struct SeedRotationTests {
    let seeds = ["http://a", "http://b", "http://c"]

    @Test("before any answer, the configured order")
    func configuredOrder() {
        #expect(SeedRotation().order(seeds, of: "eu") == seeds)
    }

    @Test("after an answer from b: b, then the seeds after it, wrapping around")
    func sticky() {
        let rotation = SeedRotation()
        rotation.answered("http://b", of: "eu")
        #expect(rotation.order(seeds, of: "eu") == ["http://b", "http://c", "http://a"])
        #expect(rotation.order(seeds, of: "us") == seeds, "each region remembers its own")
        rotation.answered("http://a", of: "eu")
        #expect(rotation.order(seeds, of: "eu") == seeds)
    }

    @Test("a remembered seed no longer configured is ignored")
    func forgottenSeed() {
        let rotation = SeedRotation()
        rotation.answered("http://gone", of: "eu")
        #expect(rotation.order(seeds, of: "eu") == seeds)
    }
}
