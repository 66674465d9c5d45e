import Linearizability
import Testing

@Suite struct KnownGoodHistoryTests {
    @Test("a sequential history of writes, reads and deletes")
    func sequential() {
        let history = [
            read("x", nil, by: 1, 0...5),
            write("x", "1", by: 1, 10...20),
            read("x", "1", by: 2, 30...40),
            write("x", "2", by: 1, 50...60),
            read("x", "2", by: 2, 70...80),
            delete("x", by: 3, 90...100),
            read("x", nil, by: 1, 110...120),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("overlapping writes: later reads may see either order, consistently", arguments: ["1", "2"])
    func overlappingWrites(winner: String) {
        let loser = winner == "1" ? "2" : "1"
        let history = [
            write("x", "1", by: 1, 0...100),
            write("x", "2", by: 2, 10...90),
            // During the overlap a read may see the loser, before the winner overwrites it.
            read("x", loser, by: 3, 20...30),
            read("x", winner, by: 3, 110...120),
            read("x", winner, by: 4, 130...140),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("reads concurrent with a write may see the old value, then the new one")
    func readsDuringWrite() {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...100),
            read("x", "1", by: 3, 30...40),
            read("x", "2", by: 4, 50...60),
            read("x", "2", by: 3, 70...80),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("an unknown-outcome write may take effect long after it was invoked")
    func unknownWriteTakesEffectLate() {
        let history = [
            write("x", "1", by: 1, 0...10),
            unknownWrite("x", "2", by: 2, at: 20),
            read("x", "1", by: 3, 30...40),
            read("x", "1", by: 1, 500...510),
            read("x", "2", by: 3, 1_000...1_010),
            read("x", "2", by: 1, 2_000...2_010),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("an unknown-outcome write may never take effect")
    func unknownWriteNeverTakesEffect() {
        let history = [
            write("x", "1", by: 1, 0...10),
            unknownWrite("x", "2", by: 2, at: 20),
            read("x", "1", by: 3, 30...40),
            read("x", "1", by: 3, 5_000...5_010),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("unknown-outcome writes of the same value: either may be the one that took effect")
    func unknownWritesOfOneValue() {
        let history = [
            unknownWrite("x", "1", by: 1, at: 0),
            unknownWrite("x", "1", by: 2, at: 100),
            write("x", "2", by: 3, 10...20),
            read("x", "2", by: 3, 30...40),
            read("x", "1", by: 3, 200...210),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("reads of keys never written return absent, before and during the first write")
    func absentKeys() {
        let history = [
            read("y", nil, by: 1, 0...10),
            write("x", "1", by: 2, 5...50),
            read("x", nil, by: 3, 10...20),
            read("x", "1", by: 3, 60...70),
            read("y", nil, by: 1, 80...90),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("operations that touch at one instant are concurrent")
    func touchingOperations() {
        let history = [
            write("x", "1", by: 1, 0...10),
            read("x", nil, by: 2, 10...20),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("reads that got no response constrain nothing")
    func unknownReads() {
        let history = [
            write("x", "1", by: 1, 0...10),
            unknownRead("x", by: 2, at: 20),
            read("x", "1", by: 3, 30...40),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test("an empty history is linearizable")
    func empty() {
        #expect(check([]) == .linearizable)
    }
}
