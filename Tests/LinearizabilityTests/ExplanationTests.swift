import Linearizability
import Testing

@Suite struct ExplanationTests {
    @Test("a stale read is explained by its key, the prefix, the state and the stuck read")
    func staleRead() throws {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...30),
            read("x", "1", by: 3, 40...50),
        ]
        let explanation = try #require(violation(in: check(history)))
        #expect(explanation.partition == #"key "x""#)
        #expect(explanation.linearizedPrefix == [0, 1])
        #expect(explanation.state == "2")
        #expect(explanation.blockingOperation == 2)
        #expect(explanation.stuckOperations == [2])
        #expect(explanation.description.contains(#"not linearizable on key "x""#))
        #expect(explanation.description.contains("#1 client 2 [20, 30] write(x, 2) → ok"))
        #expect(explanation.description.contains("#2 client 3 [40, 50] read(x) → 1: impossible in state 2"))
    }

    @Test("operations are numbered by their index in the whole history, not in their key's")
    func namesOperationsAcrossKeys() throws {
        let history = [
            write("a", "1", by: 1, 0...10),
            write("b", "1", by: 2, 0...10),
            read("a", "1", by: 1, 20...30),
            read("b", "7", by: 2, 20...30),
        ]
        let explanation = try #require(violation(in: check(history)))
        #expect(explanation.partition == #"key "b""#)
        #expect(explanation.linearizedPrefix == [1])
        #expect(explanation.stuckOperations == [3])
        #expect(explanation.description.contains("#3 client 2 [20, 30] read(b) → 7: impossible in state 1"))
    }

    @Test("the stuck window lists every operation that could have taken effect next")
    func window() throws {
        let history = [
            write("x", "1", by: 1, 0...10),
            write("x", "2", by: 2, 20...100),
            unknownWrite("x", "3", by: 4, at: 25),
            read("x", "2", by: 3, 30...40),
            read("x", "1", by: 3, 50...60),
        ]
        let explanation = try #require(violation(in: check(history)))
        #expect(explanation.linearizedPrefix == [0, 1, 3])
        #expect(explanation.blockingOperation == 4)
        #expect(explanation.stuckOperations == [4])
        #expect(explanation.description.contains("#4 client 3 [50, 60] read(x) → 1: impossible in state 2"))
    }

    @Test("an operation nothing can precede is reported against the initial state")
    func stuckAtStart() throws {
        let explanation = try #require(violation(in: check([read("x", "5", by: 1, 0...10)])))
        #expect(explanation.linearizedPrefix.isEmpty)
        #expect(explanation.state == "absent")
        #expect(explanation.description.contains("No operation can take effect first; the initial state is absent."))
    }
}
