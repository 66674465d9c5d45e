import Foundation
import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let readConfig = "GET /v1/tenants/{tenant}/config"
    private static let watch = "GET /v1/tenants/{tenant}/watch"

    /// Reading the effective configuration and watching it change.
    static let configCases: [EndpointCase] = [
        EndpointCase(readConfig, 200, "signed, with its ETag and X-ECS-Index, on a follower") { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", "7")
            return try await walk.send(.GET, "/v1/tenants/acme/config?env=prod&sets=\(set)", on: .follower)
        } then: { reply, walk in
            let body = try reply.json
            #expect(body["tenant"] == "acme" && body["env"] == "prod" && body["edition"] == "pro")
            guard case .object(let sets)? = body["sets"], let (_, set) = sets.first, sets.count == 1,
                case .string(let etag)? = body["etag"], case .integer(let index)? = body["index"]
            else { throw UnexpectedReply(reply: reply, expected: [200]) }
            #expect(set["version"] == 1 && set["items"] == ["k": 7], "a linearizable read sees the write")
            #expect(reply.header("ETag") == EntityTags.quoted(etag))
            #expect(reply.header("X-ECS-Index").flatMap { Int64($0) }.map { $0 >= index } == true)
            #expect(body["issuedAt"] != nil && body["ttlSeconds"] != nil && body["kid"] != nil)
            let keys = try await walk.send(.GET, "/v1/keys/signing", on: .leader, as: .none)
            let key = try ClientJSON.parse(keys.body)["keys"].flatMap { keys -> [UInt8]? in
                guard case .array(let list) = keys, case .string(let encoded)? = list.first?["publicKey"] else {
                    return nil
                }
                return Data(base64Encoded: encoded).map(Array.init)
            }
            #expect(try ClientJSON.parse(reply.body).signatureVerifies(with: try #require(key)))
        },
        EndpointCase(readConfig, 304, "If-None-Match naming the current etag") { walk in
            let set = walk.fresh()
            try await walk.put(set)
            let path = "/v1/tenants/acme/config?env=prod&sets=\(set)"
            let first = try await walk.send(.GET, path)
            let etag = try #require(first.header("ETag"), "\(first)")
            return try await walk.send(.GET, path, headers: ["If-None-Match": etag])
        } then: { reply, _ in
            #expect(reply.body.isEmpty)
            #expect(reply.header("ETag") != nil && reply.header("X-ECS-Index") != nil)
        },
        EndpointCase(readConfig, 400, "no env") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/config")
        } then: { reply, _ in
            #expect(reply.violations("path") == ["env"], "\(reply)")
        },
        EndpointCase(readConfig, 400, "a minIndex below zero", violation: "minIndex") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/config?env=prod&minIndex=-1")
        },
        EndpointCase(readConfig, 404, "an unknown tenant") { walk in
            try await walk.send(.GET, "/v1/tenants/nobody/config?env=prod")
        },
        EndpointCase(readConfig, 503, "minIndex not reached within timeoutMs") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/config?env=prod&minIndex=1000000000&timeoutMs=200")
        } then: { reply, _ in
            #expect(reply.header("Retry-After") != nil, "\(reply.headers)")
        },

        EndpointCase(watch, 200, "a follower streams a write sent to the leader") { walk in
            let set = walk.fresh()
            let follower = try await walk.node(.follower)
            let (stream, _) = try await EventStreamClient.watch(
                "\(follower.baseURL)/v1/tenants/acme/watch?sets=\(set)", token: try await walk.cluster.watchToken())
            let written = try await walk.send(.PUT, "/v1/tenants/acme/sets/\(set)/items/k", body: "1", on: .leader)
            let event = try await stream.nextEvent()
            await stream.close()
            #expect(event.event == "config.published")
            #expect(try event.json["subject"] == .string("acme/\(set)"))
            #expect(event.id == String(try written.decode(WriteReceipt.self, expecting: [201]).index))
            return HTTPReply(status: stream.status, headers: stream.headers, body: Data())
        } then: { reply, _ in
            #expect(reply.header("Content-Type") == "text/event-stream")
            #expect(reply.header("X-ECS-Node") != nil)
        },
        EndpointCase(watch, 400, "a sets list with an invalid name") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/watch?sets=Bad_Set")
        },
        EndpointCase(watch, 400, "a Last-Event-ID that is no log index", violation: "Last-Event-ID") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/watch", headers: ["Last-Event-ID": "latest"])
        },
        EndpointCase(watch, 404, "an unknown tenant") { walk in
            try await walk.send(.GET, "/v1/tenants/nobody/watch")
        },
    ]
}
