import Foundation
import HummingbirdTesting
import KVStore
import Testing

@testable import ECSNode

/// The watch against a live server over `LocalConsensus`: what a client receives, byte for byte
/// where it matters, and when.
@Suite("HTTP: GET /v1/tenants/{t}/watch, streaming", .timeLimit(.minutes(1)))
struct WatchStreamTests {
    private let reader: String
    private let writer: String
    private let admin: String

    init() async throws {
        reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        writer = try await TestTokens.bearer(tenant: "*", scopes: [.write])
        admin = try await TestTokens.platformAdmin()
    }

    @Test("each write is one config.published event, in index order, as a CloudEvent; headers name the node")
    func eventsInOrder() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.live) { client in
            let (stream, after) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader)
            #expect(after == 0)
            #expect(stream.headers.first(name: "Content-Type") == "text/event-stream")
            #expect(stream.headers.first(name: "Cache-Control") == "no-cache")
            #expect(stream.headers.first(name: "X-ECS-Node") == "n1")
            #expect(stream.headers.first(name: "X-ECS-Region") == "eu")

            let writes = [
                try await client.putItem("retries", 1, token: writer),
                try await client.putItem("retries", 2, token: writer),
                try await client.putItem("currency", 3, set: "billing", token: writer),
            ]
            let events = try await stream.events(3)
            #expect(events.map(\.id) == ["1", "2", "3"])
            #expect(events.allSatisfy { $0.event == "config.published" })
            #expect(events.map(\.published) == writes.map(Optional.some))
            #expect(
                try events[2].json
                    == [
                        "specversion": "1.0", "id": "3", "source": "/ecs/regions/eu", "type": "ecs.config.published",
                        "subject": "acme/billing", "time": "2027-01-15T08:00:00.000Z",
                        "datacontenttype": "application/json",
                        "data": [
                            "set": "billing", "version": 1, "etag": .string(writes[2].etag), "index": 3,
                            "scope": "tenant",
                        ],
                    ])
            await stream.close()
        }
    }

    @Test("a watch sees its tenant's sets named in sets=, and platform changes of those sets, on every tenant")
    func filtersByTenantAndSets() async throws {
        let harness = try APITestHarness()
        let globexReader = try await TestTokens.bearer(tenant: "globex", scopes: [.read])
        try await harness.application().test(.live) { client in
            let (acme, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch?sets=billing,flags"), token: reader)
            let (globex, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/globex/watch"), token: globexReader)

            _ = try await client.putItem("a", 1, set: "payments", token: writer)  // 1
            _ = try await client.putItem("a", 2, set: "billing", token: writer)  // 2
            _ = try await client.putItem("a", 3, tenant: "globex", set: "billing", token: writer)  // 3
            _ = try await client.putItem("a", 4, tenant: "*", set: "billing", token: admin)  // 4
            _ = try await client.putItem("a", 5, tenant: "*", set: "payments", token: admin)  // 5
            _ = try await client.putItem("a", 6, set: "flags", token: writer)  // 6

            let acmeEvents = try await acme.events(3)
            #expect(acmeEvents.map(\.id) == ["2", "4", "6"])
            #expect(try acmeEvents.map { try $0.json["subject"] } == ["acme/billing", "acme/billing", "acme/flags"])
            #expect(try acmeEvents.map { try $0.json["data"]?["scope"] } == ["tenant", "platform", "tenant"])

            let globexEvents = try await globex.events(3)
            #expect(globexEvents.map(\.id) == ["3", "4", "5"])
            #expect(
                try globexEvents.map { try $0.json["subject"] } == [
                    "globex/billing", "globex/billing", "globex/payments",
                ])
            #expect(try globexEvents.map { try $0.json["data"]?["scope"] } == ["tenant", "platform", "platform"])
            await acme.close()
            await globex.close()
        }
    }

    @Test("Last-Event-ID N replays every event after N in order, then the stream goes on live")
    func resumesAfterLastEventID() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.live) { client in
            var writes: [WriteAnswer] = []
            for value in 1...5 { writes.append(try await client.putItem("k", value, token: writer)) }

            let (stream, after) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader, lastEventID: "2")
            #expect(after == 2)
            #expect(try await stream.events(3).map(\.published) == writes[2...].map(Optional.some))
            let live = try await client.putItem("k", 6, token: writer)
            #expect(try await stream.nextEvent().published == live)
            await stream.close()
        }
    }

    @Test("Last-Event-ID below the retained floor gets one resync event first, then the events after it")
    func resyncBelowTheFloor() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.live) { client in
            for value in 1...5 { _ = try await client.putItem("k", value, token: writer) }
            // Prune as a node with a retention of 2 would have after index 5: the floor becomes 3.
            let environment = harness.state.environment
            let log = EventLog(try ConfigTables(in: environment).events, retention: 2)
            try environment.write { try log.prune(asOf: 5, in: $0) }

            let (behind, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader, lastEventID: "2")
            let resync = try await behind.nextEvent()
            #expect(resync.event == "resync")
            #expect(resync.id == "5", "the stream continues after the applied index")
            #expect(try resync.json["reason"] == "events-pruned")
            #expect(try resync.json["retainedAfter"] == 3)
            let live = try await client.putItem("k", 6, token: writer)
            let next = try await behind.nextEvent()
            #expect(next.event == "config.published")
            #expect(next.published == live)
            await behind.close()

            let (atFloor, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader, lastEventID: "3")
            #expect(try await atFloor.events(3).map(\.id) == ["4", "5", "6"], "nothing after 3 was pruned")
            await atFloor.close()
        }
    }

    @Test("Last-Event-ID ahead of this node waits until the node catches up, then continues after it")
    func waitsWhenAhead() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.live) { client in
            _ = try await client.putItem("k", 1, token: writer)
            let (stream, after) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader, lastEventID: "4")
            #expect(after == 4)
            for value in 2...4 { _ = try await client.putItem("k", value, token: writer) }
            let fifth = try await client.putItem("k", 5, token: writer)
            let first = try await stream.nextEvent()
            #expect(first.id == "5", "events 2 to 4 were already seen by the client")
            #expect(first.published == fifth)
            await stream.close()
        }
    }

    @Test("heartbeat comments keep the stream alive, even while other tenants' changes flow")
    func heartbeats() async throws {
        let harness = try APITestHarness()
        try await harness.application(watchHeartbeat: .milliseconds(100)).test(.live) { client in
            let (stream, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader, silence: .seconds(2))
            let idle = try await stream.read(until: \.isHeartbeat, within: .seconds(5))
            #expect(idle.allSatisfy { $0.event == nil })

            // Keep the node applying entries the watch filters out: the wait for a new index
            // returns all the time, and heartbeats must still come.
            let consensus = harness.consensus
            let traffic = Task {
                var value = 0
                while !Task.isCancelled {
                    value += 1
                    _ = try await consensus.propose(
                        Commands.put("k", .integer(Int64(value)), tenant: "globex").encoded())
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            defer { traffic.cancel() }
            // Two heartbeats under traffic; the traffic must really have flowed meanwhile (how
            // much depends on the machine's load, so only that it did is asserted).
            let before = consensus.status().appliedIndex
            var busy = try await stream.read(until: \.isHeartbeat, within: .seconds(5))
            busy += try await stream.read(until: \.isHeartbeat, within: .seconds(5))
            let applied = consensus.status().appliedIndex - before
            #expect(applied >= 2, "only \(applied) entries were applied while waiting for the heartbeats")
            #expect(busy.allSatisfy { $0.event == nil }, "\(busy)")
            await stream.close()
        }
    }

    @Test("a client that disconnects leaves no watch waiting on the node")
    func disconnectEndsTheWatch() async throws {
        let harness = try APITestHarness()
        let consensus = harness.consensus
        try await harness.application(watchHeartbeat: .milliseconds(50)).test(.live) { client in
            let (stream, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: reader)
            try await waitFor("the watch to wait on the node", samples: 1) { consensus.waitsInFlight == 1 }
            await stream.close()
            // A live watch waits on the node all the time but for a moment per heartbeat, so no
            // wait for 6 heartbeats in a row means it has ended.
            try await waitFor("the watch to end", samples: 30) { consensus.waitsInFlight == 0 }
        }
    }

    @Test("a graceful shutdown ends open watches at once, with a properly ended stream")
    func shutdownEndsTheWatch() async throws {
        let harness = try APITestHarness()
        // A heartbeat far beyond the suite's time limit: if the shutdown did not end the watch,
        // the server could not stop and this test would run into the limit.
        let stream = try await harness.application(watchHeartbeat: .seconds(600)).test(.live) { client in
            try await EventStreamClient.watch(try liveURL(client, "/v1/tenants/acme/watch"), token: reader).stream
        }
        #expect(try await stream.next() == nil)
        await stream.close()
    }

    /// Polls `condition` every 10 ms until it holds for `samples` polls in a row, for what
    /// cannot be awaited as an event.
    private func waitFor(
        _ what: String, samples: Int, within timeout: Duration = .seconds(5), _ condition: () -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var streak = 0
        while streak < samples {
            streak = condition() ? streak + 1 : 0
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out after \(timeout) waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
