import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let putItem = "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}"
    private static let deleteItem = "DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}"

    /// `…/items/{key}` of `acme`'s `set`, at `scope`.
    static func item(_ set: String, _ key: String = "k", tenant: String = "acme", scope: String = "tenant") -> String {
        "/v1/tenants/\(tenant)/sets/\(set)/items/\(key)?scope=\(scope)"
    }

    /// A write answer: the receipt's fields, and its etag again in the `ETag` header.
    static func expectWrite(_ reply: HTTPReply, version: UInt64, tenant: String = "acme") throws {
        let receipt = try reply.decode(WriteReceipt.self, expecting: [200, 201])
        #expect(receipt.tenant == tenant && receipt.version == version && receipt.index > 0, "\(reply)")
        #expect(reply.header("ETag") == EntityTags.quoted(receipt.etag))
    }

    /// Writes a set twice through `write` (values 1 and 2), then sends `method` to `path` with
    /// `If-Match` naming the first version, which the set has moved past.
    static func sendStale(
        _ walk: EndpointWalk, _ method: HTTPMethod, _ path: String, body: String? = nil,
        write: (String) async throws -> WriteReceipt
    ) async throws -> HTTPReply {
        let first = try await write("1")
        _ = try await write("2")
        return try await walk.send(method, path, body: body, headers: ["If-Match": EntityTags.quoted(first.etag)])
    }

    /// A schema under which `k`, when present, is an integer.
    static let integerK = #"{"type": "object", "properties": {"k": {"type": "integer"}}}"#

    /// A schema under which `k` is a required integer: only for a set that holds it.
    static let requiredInteger = #"{"type": "object", "properties": {"k": {"type": "integer"}}, "required": ["k"]}"#

    /// Writing and deleting a tenant's items.
    static let itemCases: [EndpointCase] = [
        EndpointCase(putItem, 201, "a set's first version, sent to a follower") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: "1", on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1)
        },
        EndpointCase(putItem, 200, "a new version, If-Match naming the head") { walk in
            let set = walk.fresh()
            let first = try await walk.put(set)
            return try await walk.send(
                .PUT, item(set), body: "2", headers: ["If-Match": EntityTags.quoted(first.etag)])
        } then: { reply, _ in
            try expectWrite(reply, version: 2)
        },
        EndpointCase(putItem, 201, "a retry under its Idempotency-Key, on another node") { walk in
            let path = item(walk.fresh())
            let key: HTTPHeaders = ["Idempotency-Key": walk.fresh("retry")]
            let first = try await walk.send(.PUT, path, body: "1", headers: key, on: .leader)
            let again = try await walk.send(.PUT, path, body: "1", headers: key, on: .follower)
            #expect(again.body == first.body)
            return again
        } then: { reply, _ in
            #expect(reply.header("Idempotent-Replayed") == "true")
            try expectWrite(reply, version: 1)
        },
        EndpointCase(putItem, 400, "a body that is not JSON") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: "{")
        },
        EndpointCase(putItem, 400, "a scope that is none", violation: "scope") { walk in
            try await walk.send(.PUT, item(walk.fresh(), scope: "planet:earth"), body: "1")
        },
        EndpointCase(putItem, 400, "an If-Match that names no etag") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: "1", headers: ["If-Match": #""""#])
        },
        EndpointCase(putItem, 404, "an unknown tenant") { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "nobody"), body: "1")
        },
        EndpointCase(putItem, 409, "a set whose policy requires approval", problem: "approval-required") { walk in
            let set = walk.fresh()
            try await walk.requireApproval(set)
            return try await walk.send(.PUT, item(set), body: "1")
        },
        EndpointCase(putItem, 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            return try await sendStale(walk, .PUT, item(set), body: "3") { try await walk.put(set, "k", $0) }
        },
        EndpointCase(putItem, 413, "a value over the edition's max-value-bytes", problem: "value-too-large") { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "quota"), body: EndpointWalk.oversized(100))
        },
        EndpointCase(
            putItem, 413, "a body over the edition's max-request-bytes",
            problem: "content-too-large"
        ) { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "quota"), body: EndpointWalk.oversized(300))
        },
        EndpointCase(putItem, 422, "a plaintext password", violation: "secret.plaintext") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: #""password=hunter2""#)
        },
        EndpointCase(putItem, 422, "a value its set's schema refuses", violation: "schema.type") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.putSchema(set, requiredInteger)
            return try await walk.send(.PUT, item(set), body: #""seven""#)
        },
        EndpointCase(putItem, 429, "a new key in a set at its edition's key quota") { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", tenant: "quota")
            return try await walk.send(.PUT, item(set, "other", tenant: "quota"), body: "1")
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:key-quota-exceeded")
            #expect(reply.header("Retry-After") != nil)
        },

        EndpointCase(deleteItem, 200, "a new version without it") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            return try await walk.send(.DELETE, item(set), on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 2)
        },
        EndpointCase(deleteItem, 400, "a scope that is none") { walk in
            try await walk.send(.DELETE, item(walk.fresh(), scope: "app:prod"))
        },
        EndpointCase(deleteItem, 404, "a key the set does not hold") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            return try await walk.send(.DELETE, item(set, "absent"))
        },
        EndpointCase(deleteItem, 409, "a set whose policy requires approval", problem: "approval-required") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.requireApproval(set)
            return try await walk.send(.DELETE, item(set))
        },
        EndpointCase(deleteItem, 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            return try await sendStale(walk, .DELETE, item(set)) { try await walk.put(set, "k", $0) }
        },
        EndpointCase(deleteItem, 422, "a key the set's schema requires", violation: "schema.required") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.putSchema(set, requiredInteger)
            return try await walk.send(.DELETE, item(set))
        },
        EndpointCase(deleteItem, 429, "faster than the edition's writes per second") { walk in
            let path = item(walk.fresh(), tenant: "slow")
            return try await walk.untilRefused(passing: 404) { try await walk.send(.DELETE, path) }
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:rate-limited")
            #expect(reply.header("Retry-After") != nil)
        },
    ]
}
