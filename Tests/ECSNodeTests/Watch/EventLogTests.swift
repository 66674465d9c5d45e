import KVStore
import Testing

@testable import ECSNode

@Suite("EventLog: the watch's events table, its retention and its floor")
struct EventLogTests {
    private func event(_ index: UInt64, set: String = "payments") -> EventRecord {
        EventRecord(index: index, namespace: .tenant("acme"), set: set, version: index, etag: "e\(index)", at: 1000)
    }

    /// Appends one event per index in its own write transaction, as `apply` does.
    private func append(_ indexes: [UInt64], to state: TestStateEnvironment, retention: UInt64) throws {
        let environment = state.environment
        let log = EventLog(try ConfigTables(in: environment).events, retention: retention)
        for index in indexes {
            try environment.write { try log.append(event(index), in: $0) }
        }
    }

    /// The floor and the indexes of the events a reader sees.
    private struct Window: Equatable {
        var floor: UInt64
        var indexes: [UInt64]
    }

    private func read(
        _ state: TestStateEnvironment, after index: UInt64, upTo last: UInt64, limit: Int = .max
    ) throws -> Window {
        let log = EventLog(try ConfigTables(in: state.environment).events)
        return try state.environment.read { transaction in
            Window(
                floor: try log.floor(in: transaction),
                indexes: try log.events(after: index, upTo: last, limit: limit, in: transaction).map(\.index))
        }
    }

    @Test("events read back in index order, after the first bound and up to the second, at most limit")
    func readsRanges() throws {
        let state = try TestStateEnvironment()
        try append([3, 4, 7, 9, 12], to: state, retention: 100)

        #expect(try read(state, after: 0, upTo: 100).indexes == [3, 4, 7, 9, 12])
        #expect(try read(state, after: 4, upTo: 9).indexes == [7, 9], "after is exclusive, upTo inclusive")
        #expect(try read(state, after: 9, upTo: 9).indexes == [])
        #expect(try read(state, after: 10, upTo: 5).indexes == [])
        #expect(try read(state, after: 0, upTo: .max, limit: 2).indexes == [3, 4])
        #expect(try read(state, after: 0, upTo: 100).floor == 0, "nothing pruned, no floor")
    }

    @Test("events more than `retention` indexes below the newest are pruned and the floor records it")
    func retentionPrunesAndRecordsFloor() throws {
        let state = try TestStateEnvironment()
        try append([1, 2, 3], to: state, retention: 3)
        #expect(try read(state, after: 0, upTo: 100) == Window(floor: 0, indexes: [1, 2, 3]))

        try append([5], to: state, retention: 3)
        #expect(
            try read(state, after: 0, upTo: 100) == Window(floor: 2, indexes: [3, 5]), "5 - 3 = 2: events 1 and 2 go")

        try append([20], to: state, retention: 3)
        #expect(try read(state, after: 0, upTo: 100) == Window(floor: 17, indexes: [20]))

        let dump = try state.dumpTables()[ConfigTables.eventsName] ?? []
        #expect(dump.map(\.key) == [BigEndianKey.encode(0), BigEndianKey.encode(20)], "the floor and one event")
    }

    @Test("pruning never lowers the floor")
    func floorOnlyRises() throws {
        let state = try TestStateEnvironment()
        try append([10], to: state, retention: 2)
        let log = EventLog(try ConfigTables(in: state.environment).events, retention: 2)
        try state.environment.write { try log.prune(asOf: 5, in: $0) }
        #expect(try read(state, after: 0, upTo: 100) == Window(floor: 8, indexes: [10]))
    }

    @Test("the state machine keeps events through its default window, identically on every node")
    func stateMachineAppendsDeterministically() throws {
        let first = try TestStateEnvironment()
        let second = try TestStateEnvironment()
        for state in [first, second] {
            try state.apply(Commands.put("a", 1), at: 1)
            try state.apply(Commands.put("a", 1, tenant: "*", set: "payments", scope: .global), at: 2)
            try state.apply(Commands.delete("a"), at: 4)
            try state.apply(Commands.delete("missing"), at: 5)
        }
        #expect(
            try read(first, after: 0, upTo: 10) == Window(floor: 0, indexes: [1, 2, 4]),
            "a rejected command publishes nothing")
        #expect(try first.dumpTables() == second.dumpTables())
    }
}
