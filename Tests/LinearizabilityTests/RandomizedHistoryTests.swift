import Linearizability
import Testing

@Suite struct RandomizedHistoryTests {
    /// Each seed replays one history exactly; a failure message names its seed.
    private static let seeds: ClosedRange<UInt64> = 1...300

    /// Up to 8 clients on up to 3 keys, and up to 30% unknown outcomes, to stress their rules.
    private static func simulation(using generator: inout SplitMix64) -> RegisterSimulation {
        RegisterSimulation(
            clients: Int.random(in: 1...8, using: &generator), keys: Int.random(in: 1...3, using: &generator),
            operationsPerClient: Int.random(in: 1...40, using: &generator),
            unknownRate: Double.random(in: 0...0.3, using: &generator))
    }

    @Test("histories of a correct store are linearizable")
    func correctStore() {
        for seed in Self.seeds {
            var generator = SplitMix64(seed: seed)
            let history = Self.simulation(using: &generator).history(using: &generator)
            #expect(check(history) == .linearizable, "seed \(seed)")
        }
    }

    @Test("a read of a value never written is caught, on its key")
    func valueNeverWritten() {
        for seed in Self.seeds {
            var generator = SplitMix64(seed: seed)
            let history = Self.simulation(using: &generator).history(using: &generator)
            guard let corrupted = Corruption.valueNeverWritten(in: history, using: &generator) else { continue }
            #expect(violation(in: check(corrupted.history))?.partition == #"key "\#(corrupted.key)""#, "seed \(seed)")
        }
    }

    @Test("a read of an overwritten value is caught, on its key")
    func overwrittenValue() {
        var corruptions = 0
        for seed in Self.seeds {
            var generator = SplitMix64(seed: seed)
            let history = Self.simulation(using: &generator).history(using: &generator)
            guard let corrupted = Corruption.overwrittenValue(in: history, using: &generator) else { continue }
            corruptions += 1
            #expect(violation(in: check(corrupted.history))?.partition == #"key "\#(corrupted.key)""#, "seed \(seed)")
        }
        // Most seeds must offer such a read, or this test would pass by checking nothing.
        #expect(corruptions > Self.seeds.count / 2)
    }

    @Test("a history of 5,000 operations from 16 clients over 8 keys is decided")
    func largeHistory() {
        var generator = SplitMix64(seed: 5_000)
        let simulation = RegisterSimulation(clients: 16, keys: 8, operationsPerClient: 5_000 / 16)
        let history = simulation.history(using: &generator)
        #expect(check(history) == .linearizable)
        let corrupted = Corruption.overwrittenValue(in: history, using: &generator)
        #expect(corrupted.map { violation(in: check($0.history)) != nil } == true)
    }

    @Test("a search out of time answers unknown, naming the key")
    func timeout() {
        let history = [write("x", "1", by: 1, 0...10), read("x", "1", by: 2, 20...30)]
        let result = LinearizabilityChecker.check(history, model: StringModel(), timeout: .zero)
        #expect(result == .unknown(#"key "x": timed out after exploring 0 configurations"#))
    }

    @Test("a search out of configurations answers unknown, naming the key")
    func configurationLimit() {
        let history = [write("x", "1", by: 1, 0...10), read("x", "1", by: 2, 20...30)]
        let result = LinearizabilityChecker.check(
            history, model: StringModel(), timeout: .seconds(60), maxConfigurations: 1)
        #expect(result == .unknown(#"key "x": reached its limit of 1 configurations"#))
    }
}
