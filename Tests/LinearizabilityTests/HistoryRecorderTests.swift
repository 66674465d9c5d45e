import Linearizability
import Synchronization
import Testing

@Suite struct HistoryRecorderTests {
    @Test("ids index the history; answers, timeouts and calls still in flight land where they belong")
    func records() {
        let recorder = HistoryRecorder<StringModel.Input, StringModel.Output>()
        let written = recorder.invoke(clientID: 1, .write("x", "1"))
        let timedOut = recorder.invoke(clientID: 2, .write("x", "2"))
        let inFlight = recorder.invoke(clientID: 3, .read("x"))
        recorder.complete(written, .ok)
        recorder.completeUnknown(timedOut)
        let history = recorder.history()

        #expect([written, timedOut, inFlight] == [0, 1, 2])
        #expect(history.map(\.clientID) == [1, 2, 3])
        #expect(history.map(\.input) == [.write("x", "1"), .write("x", "2"), .read("x")])
        #expect(history.map(\.output) == [.ok, nil, nil])
        #expect(history[0].invokedAt <= history[1].invokedAt && history[1].invokedAt <= history[2].invokedAt)
        #expect(history[0].completedAt.map { $0 >= history[2].invokedAt } == true)
    }

    @Test("completing an operation twice is a recording bug that stops the process")
    func completeTwice() async {
        await #expect(processExitsWith: .failure) {
            let recorder = HistoryRecorder<StringModel.Input, StringModel.Output>()
            let id = recorder.invoke(clientID: 1, .read("x"))
            recorder.complete(id, .value(nil))
            recorder.completeUnknown(id)
        }
    }

    @Test("sixteen concurrent clients of a locked map record a linearizable history")
    func concurrentClients() async {
        let recorder = HistoryRecorder<StringModel.Input, StringModel.Output>()
        let store = LockedMap()
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<16 {
                group.addTask {
                    var generator = SplitMix64(seed: UInt64(client))
                    for sequence in 0..<200 {
                        let key = "k\(Int.random(in: 0..<3, using: &generator))"
                        let input: StringModel.Input =
                            Bool.random(using: &generator) ? .write(key, "\(client)-\(sequence)") : .read(key)
                        let id = recorder.invoke(clientID: client, input)
                        let output = store.apply(input)
                        recorder.complete(id, output)
                    }
                }
            }
        }
        let history = recorder.history()
        #expect(history.count == 16 * 200)
        #expect(history.allSatisfy { $0.completedAt != nil })
        #expect(check(history) == .linearizable)
    }
}

/// A map that is linearizable by construction: every call runs under one lock.
private final class LockedMap: Sendable {
    private let map = Mutex<[String: String]>([:])

    func apply(_ input: StringModel.Input) -> StringModel.Output {
        map.withLock { map in
            switch input {
            case .write(let key, let value):
                map[key] = value
                return .ok
            case .delete(let key):
                map[key] = nil
                return .ok
            case .read(let key):
                return .value(map[key])
            }
        }
    }
}
