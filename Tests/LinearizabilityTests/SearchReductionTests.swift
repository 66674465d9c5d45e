import Linearizability
import Testing

/// The reductions of `PartitionSearch` are what keep common histories cheap. Their cost is asserted
/// through the configuration limit rather than time: each history below needs exponentially many
/// configurations without its reduction and only a few with it.
@Suite struct SearchReductionTests {
    /// Thirty timed-out deletes of x, then `rounds` rounds of writing x and reading it absent: each
    /// round needs one of the deletes to take effect between its write and its read.
    private func deleteRounds(_ rounds: Int) -> [StringOperation] {
        let deletes = (0..<30).map { unknown(.delete("x"), by: $0, at: UInt64($0)) }
        let uses = (0..<rounds).flatMap { round in
            let start = 100 + 20 * UInt64(round)
            return [
                write("x", "v\(round)", by: 31, start...(start + 5)),
                read("x", nil, by: 32, (start + 10)...(start + 15)),
            ]
        }
        return deletes + uses
    }

    @Test("identical timed-out calls are tried in one order only")
    func identicalUnknownCalls() {
        let enough = LinearizabilityChecker.check(
            deleteRounds(30), model: StringModel(), timeout: .seconds(60), maxConfigurations: 10_000)
        #expect(enough == .linearizable)
        let tooMany = LinearizabilityChecker.check(
            deleteRounds(31), model: StringModel(), timeout: .seconds(60), maxConfigurations: 10_000)
        #expect(violation(in: tooMany)?.partition == #"key "x""#)
    }

    /// Sixteen reads concurrent with a write, half seeing the value before it and half after.
    private func concurrentReads(then late: [StringOperation]) -> [StringOperation] {
        let reads = (0..<16).map { read("x", $0 < 8 ? "1" : "2", by: $0, 10...100) }
        return [write("x", "1", by: 16, 0...5), write("x", "2", by: 17, 10...100)] + reads + late
    }

    @Test("concurrent reads that fit are linearized without branching")
    func concurrentReadsCommit() {
        let good = concurrentReads(then: [read("x", "2", by: 1, 200...210)])
        #expect(
            LinearizabilityChecker.check(good, model: StringModel(), timeout: .seconds(60), maxConfigurations: 100)
                == .linearizable)
        let bad = concurrentReads(then: [read("x", "1", by: 1, 200...210)])
        let result = LinearizabilityChecker.check(
            bad, model: StringModel(), timeout: .seconds(60), maxConfigurations: 100)
        #expect(violation(in: result)?.stuckOperations == [18])
    }
}
