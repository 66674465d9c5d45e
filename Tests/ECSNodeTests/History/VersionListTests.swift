import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: GET /v1/tenants/{t}/sets/{set}/versions")
struct VersionListTests {
    private let reader: String

    init() async throws {
        reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
    }

    @Test("every version, oldest first, with author, time and each change as recorded; no next on one page")
    func wholeHistory() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let fixture = try await HistoryFixture.seed(client)
            let response = try await client.send(.get, "\(HistoryFixture.base)/versions", token: reader)
            #expect(response.status == .ok)
            #expect(response.headers[.ecsIndex] == "10")
            #expect(response.headers[.ecsNode] == "n1")
            #expect(response["next"] == nil)
            guard case .array(let versions)? = response["versions"] else {
                Issue.record("no versions: \(String(buffer: response.body))")
                return
            }
            #expect(versions.compactMap { $0["version"] } == [1, 2, 3, 4, 5, 6, 7])
            #expect(versions.compactMap { $0["etag"] } == fixture.etags.map(JSONValue.string))
            #expect(
                versions[0] == [
                    "version": 1, "etag": .string(fixture.etags[0]), "author": "alice", "message": .null,
                    "createdAt": "2027-01-15T08:00:00Z",
                    "changes": [["op": "set", "scope": "tenant", "key": "retry.max", "value": 3]],
                ])
            #expect(versions[2]["changes"] == [["op": "set", "scope": "tenant", "key": "debug", "value": .null]])
            #expect(
                versions[3]["changes"] == [
                    ["op": "set", "scope": "tenant", "key": "retry.max", "value": 4, "previous": 3]
                ])
            #expect(
                versions[4]["changes"] == [["op": "delete", "scope": "env:prod", "key": "retry.max", "previous": 5]])
        }
    }

    @Test("pages follow next until the last page, which has none")
    func paging() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            var after: JSONValue? = nil
            var pages: [[JSONValue?]] = []
            repeat {
                let query = after.map { "?limit=3&after=\($0.canonicalString)" } ?? "?limit=3"
                let response = try await client.send(.get, "\(HistoryFixture.base)/versions\(query)", token: reader)
                #expect(response.status == .ok)
                guard case .array(let versions)? = response["versions"] else { break }
                pages.append(versions.map { $0["version"] })
                after = response["next"]
            } while after != nil && pages.count < 5
            #expect(pages == [[1, 2, 3], [4, 5, 6], [7]])

            let exact = try await client.send(.get, "\(HistoryFixture.base)/versions?after=4&limit=3", token: reader)
            #expect(try exact.json["versions"]?.arrayCount == 3)
            #expect(exact["next"] == nil, "a page that ends at the head has no next")
            let past = try await client.send(.get, "\(HistoryFixture.base)/versions?after=7", token: reader)
            #expect(past["versions"] == [])
            #expect(past["next"] == nil)
            let largest = try await client.send(.get, "\(HistoryFixture.base)/versions?limit=1000", token: reader)
            #expect(try largest.json["versions"]?.arrayCount == 7)
        }
    }

    @Test(
        "bad after, limit or consistency is 400 naming the parameter",
        arguments: [
            ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("limit=-1", "limit"),
            ("limit=+5", "limit"), ("after=-1", "after"), ("after=one", "after"), ("after=1.5", "after"),
            ("after=9223372036854775808", "after"), ("consistency=eventual", "consistency"),
        ])
    func badParameters(query: String, path: String) async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let response = try await client.send(.get, "\(HistoryFixture.base)/versions?\(query)", token: reader)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            guard case .array(let violations)? = response["violations"] else {
                Issue.record("no violations")
                return
            }
            #expect(violations.map { $0["path"] } == [.string(path)])
        }
    }
}

extension JSONValue {
    /// The number of elements of an array, `nil` for anything else.
    var arrayCount: Int? {
        if case .array(let elements) = self { elements.count } else { nil }
    }
}
