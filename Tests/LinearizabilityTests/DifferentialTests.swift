import Linearizability
import Testing

/// The checker's reductions (partition simplifications, committed reads, ordered unknown calls,
/// observed overwrites, memo fingerprints) each come with a proof; this checks them all against
/// the definition, on many tiny histories whose outputs are random, so that roughly half are not
/// linearizable, and whose values repeat, so that the rules for shared values are exercised too.
@Suite struct DifferentialTests {
    @Test("the checker agrees with brute force on random tiny histories")
    func agreesWithBruteForce() {
        var generator = SplitMix64(seed: 42)
        var verdicts: [Bool: Int] = [:]
        for round in 0..<3_000 {
            let history = Self.tinyHistory(using: &generator)
            let expected = BruteForceRegisterChecker.isLinearizable(history)
            verdicts[expected, default: 0] += 1
            let result = check(history)
            #expect((result == .linearizable) == expected, "round \(round): \(history)")
            #expect(expected || violation(in: result) != nil, "round \(round): \(result)")
        }
        // Both answers must be common, or the comparison says little.
        #expect(verdicts[true, default: 0] > 500 && verdicts[false, default: 0] > 500)
    }

    private static func tinyHistory(using generator: inout SplitMix64) -> [StringOperation] {
        let values: [String?] = [nil, "1", "2", "3"]
        return (0..<Int.random(in: 1...7, using: &generator)).map { _ in
            let key = Bool.random(using: &generator) ? "a" : "b"
            let client = Int.random(in: 1...3, using: &generator)
            let invokedAt = UInt64.random(in: 0..<20, using: &generator)
            let span = invokedAt...(invokedAt + UInt64.random(in: 0...10, using: &generator))
            let isUnknown = Int.random(in: 0..<4, using: &generator) == 0
            switch Int.random(in: 0..<5, using: &generator) {
            case 0..<2:
                let input = StringModel.Input.write(key, "\(Int.random(in: 1...3, using: &generator))")
                return isUnknown ? unknown(input, by: client, at: invokedAt) : completed(input, by: client, span, .ok)
            case 2:
                return isUnknown ? unknown(.delete(key), by: client, at: invokedAt) : delete(key, by: client, span)
            default:
                let value = values.randomElement(using: &generator) ?? nil
                return isUnknown ? unknownRead(key, by: client, at: invokedAt) : read(key, value, by: client, span)
            }
        }
    }
}
