import Linearizability
import Testing

@Suite struct KeyValuePartitionTests {
    private let model = StringModel()

    /// The operations of `subHistory` as the history indices they came from, and the completion
    /// time each got (nil: still unknown).
    private func summary(_ subHistory: SubHistory<StringModel.Input, StringModel.Output>) -> [(Int, UInt64?)] {
        zip(subHistory.historyIndices, subHistory.operations).map { ($0, $1.completedAt) }
    }

    @Test("one partition per key, in order of first appearance, pointing back into the history")
    func byKey() {
        let history = [
            write("b", "1", by: 1, 0...10),
            write("a", "2", by: 2, 0...10),
            read("b", "1", by: 1, 20...30),
        ]
        let partitions = model.partition(history)
        #expect(partitions.map(\.name) == [#"key "b""#, #"key "a""#])
        #expect(partitions.map(\.historyIndices) == [[0, 2], [1]])
    }

    @Test("reads without a response are dropped")
    func unknownReads() {
        let history = [write("x", "1", by: 1, 0...10), unknownRead("x", by: 2, at: 5)]
        #expect(model.partition(history).map(\.historyIndices) == [[0]])
    }

    @Test("an unknown write no read observed after its invocation is dropped")
    func unobservedUnknownWrite() {
        let history = [
            read("x", "2", by: 1, 0...10),
            unknownWrite("x", "2", by: 2, at: 20),
            unknownWrite("x", "3", by: 3, at: 20),
            read("x", nil, by: 1, 30...40),
        ]
        #expect(model.partition(history).map(\.historyIndices) == [[0, 3]])
    }

    @Test("an unknown write, the only one of its value, must take effect before its first observer completes")
    func observedUnknownWrite() {
        let history = [
            unknownWrite("x", "1", by: 1, at: 0),
            read("x", "1", by: 2, 50...60),
            read("x", "1", by: 3, 40...70),
        ]
        #expect(model.partition(history).map(summary).first?.map(\.1) == [60, 60, 70])
    }

    @Test("an unknown write whose value another write also wrote stays open-ended")
    func sharedValue() {
        let history = [
            unknownWrite("x", "1", by: 1, at: 0),
            write("x", "1", by: 2, 10...20),
            read("x", "1", by: 3, 30...40),
        ]
        #expect(model.partition(history).map(summary).first?.map(\.1) == [nil, 20, 40])
    }

    @Test("an unknown delete stays open-ended when absent was read later, and goes when not")
    func unknownDeletes() {
        let observed = [
            write("x", "1", by: 1, 0...10),
            unknown(.delete("x"), by: 2, at: 20),
            read("x", nil, by: 3, 30...40),
        ]
        #expect(model.partition(observed).map(summary).first?.map(\.1) == [10, nil, 40])
        let unobserved = [read("x", nil, by: 3, 0...10), unknown(.delete("x"), by: 2, at: 20)]
        #expect(model.partition(unobserved).map(\.historyIndices) == [[0]])
    }
}
