import Linearizability
import Testing

@Suite struct KnownBadHistoryTests {
    @Test("a stale read: an older value read entirely after a later write completed")
    func staleRead() {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...30),
            read("x", "1", by: 3, 40...50),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("a read of a value never written")
    func valueNeverWritten() {
        let history = [
            write("x", "1", by: 1, 0...10),
            read("x", "9", by: 2, 5...30),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("two reads in real-time order see the new value, then the old one")
    func newThenOld() {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...100),
            read("x", "2", by: 3, 30...40),
            read("x", "1", by: 4, 50...60),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("a lost write: acknowledged, never visible, while later reads keep seeing the older value")
    func lostWrite() {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...30),
            read("x", "1", by: 3, 40...50),
            read("x", "1", by: 1, 60...70),
            read("x", "1", by: 2, 80...90),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("a key read as absent after a write to it completed")
    func writeLostAsAbsent() {
        let history = [
            write("x", "1", by: 1, 0...10),
            read("x", nil, by: 2, 20...30),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("an unknown-outcome write once seen cannot be unseen")
    func unknownWriteSeenThenUnseen() {
        let history = [
            write("x", "1", by: 1, 0...10),
            unknownWrite("x", "2", by: 2, at: 20),
            read("x", "2", by: 3, 30...40),
            read("x", "1", by: 3, 50...60),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("a read cannot see an unknown-outcome write before it was invoked")
    func unknownWriteSeenTooEarly() {
        let history = [
            read("x", "2", by: 1, 0...10),
            unknownWrite("x", "2", by: 2, at: 20),
        ]
        #expect(violation(in: check(history)) != nil)
    }

    @Test("a write answered with a value is a recording mistake no order explains")
    func mismatchedOutput() {
        let history = [
            StringOperation(
                clientID: 1, input: .write("x", "1"), invokedAt: 0, outcome: .completed(.value("1"), at: 10))
        ]
        #expect(violation(in: check(history)) != nil)
    }
}
