import KVStore
import Testing

@testable import ECSNode

/// `SetHistory` against a model: a long pseudo-random history of puts and deletes (JSON nulls
/// included) over several keys and scopes, applied through the real state machine, while the
/// test replays each version forwards into its own `SetLayers`.
@Suite("History: layers as of a version, diff and paging, against a forward replay")
struct SetHistoryTests {
    private static let scopes: [Scope] = [.tenant, .env("prod"), .env("dev"), .app(env: "prod", app: "web")]
    private static let keys = ["a", "b.c", "d/e"]
    private static let values: [JSONValue] = [.null, 1, 2, "x", true, ["nested": [1, .null]]]

    /// The state after every version, by the test's own forward replay: `expected[v]`
    /// (`expected[0]` is the empty set before its first version).
    private static func writeHistory(into state: TestStateEnvironment) throws -> [SetLayers] {
        var random = SplitMix(seed: 0x5EED)
        var expected = [SetLayers()]
        var index: UInt64 = 0
        while expected.count <= 120 {
            let scope = scopes[random.next(below: scopes.count)]
            let key = keys[random.next(below: keys.count)]
            let value: JSONValue? = random.next(below: 4) == 0 ? nil : values[random.next(below: values.count)]
            index += 1
            let command = value.map { Commands.put(key, $0, scope: scope) } ?? Commands.delete(key, scope: scope)
            guard try state.apply(command, at: index).receipt != nil else {
                #expect(value == nil, "only a delete of an absent key is refused")
                continue
            }
            var layers = expected[expected.count - 1]
            layers.store(value, at: scope, key: key)
            expected.append(layers)
        }
        return expected
    }

    private static func withHistory(
        _ state: TestStateEnvironment, _ body: (SetHistory) throws -> Void
    ) throws {
        let tables = try ConfigTables(in: state.environment)
        try state.environment.read { transaction in
            let history = try #require(
                try SetHistory(of: .tenant("acme"), "payments", tables: tables, transaction: transaction))
            try body(history)
        }
    }

    @Test("the layers as of every version equal the forward replay up to it; no version 0 or past the head")
    func layersAsOf() throws {
        let state = try TestStateEnvironment()
        let expected = try Self.writeHistory(into: state)
        try Self.withHistory(state) { history in
            #expect(history.head.headVersion == 120)
            for version in 1...120 {
                let layers = try history.layers(asOf: UInt64(version))
                #expect(layers == expected[version], "version \(version)")
            }
            let (beforeFirst, pastHead) = (try history.layers(asOf: 0), try history.layers(asOf: 121))
            #expect(beforeFirst == nil && pastHead == nil)
        }
    }

    @Test("pairs of versions come back in the order asked, and their diff turns the first into the second")
    func pairsAndDiffs() throws {
        let state = try TestStateEnvironment()
        let expected = try Self.writeHistory(into: state)
        try Self.withHistory(state) { history in
            for (first, second) in [(1, 120), (120, 1), (37, 38), (90, 12), (55, 55)] {
                let pair = try #require(try history.layers(asOf: UInt64(first), and: UInt64(second)))
                #expect(pair.0 == expected[first] && pair.1 == expected[second], "\(first), \(second)")
                let diff = LayerDiff(from: pair.0, to: pair.1)
                var patched = pair.0
                for item in diff.added + diff.changed + diff.removed {
                    patched.store(item.to, at: item.scope, key: item.key)
                }
                #expect(patched == pair.1, "\(first) → \(second)")
                #expect(diff.changed.allSatisfy { $0.from != nil && $0.to != nil && $0.from != $0.to })
            }
            let pastHead = try history.layers(asOf: 3, and: 121)
            #expect(pastHead == nil)
        }
    }

    @Test("a version that changes a key more than once is taken back change by change, last first")
    func versionChangingAKeyTwice() throws {
        let state = try TestStateEnvironment()
        let tables = try ConfigTables(in: state.environment)
        let versions: [[VersionPublisher.Mutation]] = [
            [.init(scope: .tenant, key: "a", value: 1)],
            [.init(scope: .tenant, key: "a", value: 2), .init(scope: .tenant, key: "a", value: 3)],
            [.init(scope: .tenant, key: "a", value: nil), .init(scope: .env("prod"), key: "b", value: .null)],
        ]
        for (offset, mutations) in versions.enumerated() {
            try state.environment.write { transaction in
                let publisher = VersionPublisher(
                    tables: tables, transaction: transaction, index: UInt64(offset + 1), author: "alice", at: 0)
                _ = try publisher.publish(mutations, to: .tenant("acme"), "payments")
            }
        }
        try Self.withHistory(state) { history in
            let layers = try (1...3).map { try history.layers(asOf: $0) }
            #expect(layers[0]?.scopes == [.tenant: ["a": 1]])
            #expect(layers[1]?.scopes == [.tenant: ["a": 3]])
            #expect(layers[2]?.scopes == [.env("prod"): ["b": .null]])
        }
    }

    @Test("following next from after=0 visits every version once, in order")
    func pagingVisitsEveryVersion() throws {
        let state = try TestStateEnvironment()
        _ = try Self.writeHistory(into: state)
        try Self.withHistory(state) { history in
            var seen: [UInt64] = []
            var after: UInt64? = 0
            while let cursor = after {
                let page = try history.versions(after: cursor, limit: 7)
                #expect(page.versions.count == 7 || page.next == nil)
                seen += page.versions.map(\.version)
                after = page.next
            }
            #expect(seen == Array(1...120))
        }
    }
}

/// A small deterministic generator (SplitMix64), so the history is the same on every run.
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
