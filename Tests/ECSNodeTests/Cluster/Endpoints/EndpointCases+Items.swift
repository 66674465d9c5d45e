import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
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

    /// A schema under which `k`, when present, is an integer.
    static let integerK = #"{"type": "object", "properties": {"k": {"type": "integer"}}}"#

    /// A schema under which `k` is a required integer: only for a set that holds it.
    static let requiredInteger = #"{"type": "object", "properties": {"k": {"type": "integer"}}, "required": ["k"]}"#

    /// Writing and deleting a tenant's items.
    static let itemCases: [EndpointCase] = [
        EndpointCase(
            "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 201, "a set's first version, sent to a follower"
        ) { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: "1", on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1)
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 200, "a new version, If-Match naming the head")
        {
            walk in
            let set = walk.fresh()
            let first = try await walk.put(set)
            return try await walk.send(
                .PUT, item(set), body: "2", headers: ["If-Match": EntityTags.quoted(first.etag)])
        } then: { reply, _ in
            try expectWrite(reply, version: 2)
        },
        EndpointCase(
            "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 201, "a retry under its Idempotency-Key, on another node"
        ) { walk in
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
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 400, "a body that is not JSON") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: "{")
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 400, "a scope that is none") { walk in
            try await walk.send(.PUT, item(walk.fresh(), scope: "planet:earth"), body: "1")
        } then: { reply, _ in
            #expect(reply.violations("path") == ["scope"])
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 404, "an unknown tenant") { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "nobody"), body: "1")
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 409, "a set whose policy requires approval") {
            walk in
            let set = walk.fresh()
            try await walk.requireApproval(set)
            return try await walk.send(.PUT, item(set), body: "1")
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:approval-required")
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 412, "If-Match naming an older version") {
            walk in
            let set = walk.fresh()
            let first = try await walk.put(set)
            try await walk.put(set, "k", "2")
            return try await walk.send(
                .PUT, item(set), body: "3", headers: ["If-Match": EntityTags.quoted(first.etag)])
        },
        EndpointCase(
            "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 413, "a value over the edition's max-value-bytes"
        ) { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "quota"), body: EndpointWalk.oversized(100))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:value-too-large")
        },
        EndpointCase(
            "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 413, "a body over the edition's max-request-bytes"
        ) { walk in
            try await walk.send(.PUT, item(walk.fresh(), tenant: "quota"), body: EndpointWalk.oversized(300))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:content-too-large")
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 422, "a plaintext password") { walk in
            try await walk.send(.PUT, item(walk.fresh()), body: #""password=hunter2""#)
        } then: { reply, _ in
            #expect(reply.violations("code").contains("secret.plaintext"), "\(reply)")
        },
        EndpointCase("PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 422, "a value its set's schema refuses") {
            walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.putSchema(set, requiredInteger)
            return try await walk.send(.PUT, item(set), body: #""seven""#)
        } then: { reply, _ in
            #expect(reply.violations("code").contains("schema.type"), "\(reply)")
        },
        EndpointCase(
            "PUT /v1/tenants/{tenant}/sets/{set}/items/{key}", 429, "a new key in a set at its edition's key quota"
        ) { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", tenant: "quota")
            return try await walk.send(.PUT, item(set, "other", tenant: "quota"), body: "1")
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:key-quota-exceeded")
            #expect(reply.header("Retry-After") != nil)
        },

        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 200, "a new version without it") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            return try await walk.send(.DELETE, item(set), on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 2)
        },
        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 400, "a scope that is none") { walk in
            try await walk.send(.DELETE, item(walk.fresh(), scope: "app:prod"))
        },
        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 404, "a key the set does not hold") {
            walk in
            let set = walk.fresh()
            try await walk.put(set)
            return try await walk.send(.DELETE, item(set, "absent"))
        },
        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 409, "a set whose policy requires approval")
        {
            walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.requireApproval(set)
            return try await walk.send(.DELETE, item(set))
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:approval-required")
        },
        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 412, "If-Match naming an older version") {
            walk in
            let set = walk.fresh()
            let first = try await walk.put(set)
            try await walk.put(set, "k", "2")
            return try await walk.send(.DELETE, item(set), headers: ["If-Match": EntityTags.quoted(first.etag)])
        },
        EndpointCase("DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 422, "a key the set's schema requires") {
            walk in
            let set = walk.fresh()
            try await walk.put(set)
            try await walk.putSchema(set, requiredInteger)
            return try await walk.send(.DELETE, item(set))
        } then: { reply, _ in
            #expect(reply.violations("code").contains("schema.required"), "\(reply)")
        },
        EndpointCase(
            "DELETE /v1/tenants/{tenant}/sets/{set}/items/{key}", 429, "faster than the edition's writes per second"
        ) { walk in
            let path = item(walk.fresh(), tenant: "slow")
            return try await walk.untilRefused(passing: 404) { try await walk.send(.DELETE, path) }
        } then: { reply, _ in
            #expect(reply.problemType == "urn:ecs:problem:rate-limited")
            #expect(reply.header("Retry-After") != nil)
        },
    ]
}
