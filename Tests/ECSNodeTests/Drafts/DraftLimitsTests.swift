import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Drafts under the tenant's edition limits: creating one is a write (its body, its values, the
/// writes per second); publishing one is a write that may add keys (the key quota).
extension EditionLimitsTests {
    @Test("a draft's body and values count against the edition (413), and creating one is a write (429)")
    func draftCreation() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        let clock = SteppedClock()
        try await application(harness, limits(value: 8, request: 200, writes: 1), clock: clock).test(.router) {
            client in
            let large = try await client.send(
                .post, DraftFixture.drafts, token: author,
                body: DraftFixture.body(DraftFixture.set("k", #""123456789""#)))
            #expect(large.status == .contentTooLarge && large["type"] == "urn:ecs:problem:value-too-large")
            let padded = DraftFixture.body(DraftFixture.set("k", "1"), message: String(repeating: "m", count: 200))
            let long = try await client.send(.post, DraftFixture.drafts, token: author, body: padded)
            #expect(long.status == .contentTooLarge && long["type"] == "urn:ecs:problem:content-too-large")

            let body = DraftFixture.body(DraftFixture.set("k", "1"))
            for _ in 0..<2 {
                #expect(try await client.send(.post, DraftFixture.drafts, token: author, body: body).status == .created)
            }
            let limited = try await client.send(.post, DraftFixture.drafts, token: author, body: body)
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            clock.step(.seconds(1))
            #expect(try await client.send(.post, DraftFixture.drafts, token: author, body: body).status == .created)
        }
    }

    @Test("publishing a draft that takes the set past its key quota is 429; one that stays within it publishes")
    func draftKeyQuota() async throws {
        let harness = try APITestHarness()
        let author = try await DraftFixture.author()
        let publisher = try await DraftFixture.publisher()
        try await application(harness, limits(keys: 2)).test(.router) { client in
            try await DraftFixture.seed(client, [("a", "1")])
            let two = try await DraftFixture.create(
                client, token: author, DraftFixture.body(DraftFixture.set("b", "1"), DraftFixture.set("c", "1")))
            let refused = try await client.send(.post, DraftFixture.draft(two, "publish"), token: publisher)
            #expect(refused.status == .tooManyRequests && refused["type"] == "urn:ecs:problem:key-quota-exceeded")
            let one = try await DraftFixture.create(
                client, token: author,
                DraftFixture.body(DraftFixture.set("b", "1"), DraftFixture.set("a", "2", scope: "env:prod")))
            #expect(
                try await client.send(.post, DraftFixture.draft(one, "publish"), token: publisher).status == .created)
        }
    }
}
