import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ECSNode

extension EventStreamClient {
    /// Opens a watch and waits for its opening comment (`watching {tenant} after index N`):
    /// every write committed after it is delivered, so tests write only once this returns.
    /// Returns the stream and N.
    static func watch(
        _ url: String, token: String, lastEventID: String? = nil, silence: Duration = .seconds(20)
    ) async throws -> (stream: EventStreamClient, after: UInt64) {
        let stream = try await EventStreamClient(url, token: token, lastEventID: lastEventID, silence: silence)
        guard stream.status == 200 else {
            let body = try await stream.errorBody()
            await stream.close()
            throw WatchRefused(status: stream.status, body: body)
        }
        guard let opening = try await stream.next(), let line = opening.comments.first,
            line.hasPrefix("watching "), let index = line.split(separator: " ").last.flatMap({ UInt64($0) })
        else {
            await stream.close()
            throw WatchRefused(status: 200, body: "the stream did not open with its 'watching' comment")
        }
        return (stream, index)
    }
}

struct WatchRefused: Error, CustomStringConvertible {
    let status: Int
    let body: String
    var description: String { "the watch was refused: HTTP \(status) \(body)" }
}

/// The URL of `path` on a live test node.
func liveURL(_ client: some TestClientProtocol, _ path: String) throws -> String {
    "http://localhost:\(try #require(client.port))\(path)"
}

/// What a write answered, for comparing with the events it caused.
struct WriteAnswer: Equatable {
    var index: UInt64
    var version: UInt64
    var etag: String
}

extension TestClientProtocol {
    /// `PUT` of an item (tenant `*` writes the platform layer `global`); fails unless 200/201.
    func putItem(
        _ key: String, _ value: Int, tenant: String = "acme", set: String = "payments", token: String
    ) async throws -> WriteAnswer {
        let path =
            tenant == "*"
            ? "/v1/platform/sets/\(set)/items/\(key)?scope=global"
            : "/v1/tenants/\(tenant)/sets/\(set)/items/\(key)"
        let response = try await send(.put, path, token: token, body: String(value))
        #expect(response.status == .ok || response.status == .created, "\(String(buffer: response.body))")
        guard case .integer(let index)? = response["index"], case .integer(let version)? = response["version"],
            case .string(let etag)? = response["etag"]
        else { throw WatchRefused(status: Int(response.status.code), body: String(buffer: response.body)) }
        return WriteAnswer(index: UInt64(index), version: UInt64(version), etag: etag)
    }
}

extension ReceivedMessage {
    /// `data.data` of a `config.published` event, the part that mirrors the write's answer.
    var published: WriteAnswer? {
        guard let data = (try? json)?["data"], case .integer(let index)? = data["index"],
            case .integer(let version)? = data["version"], case .string(let etag)? = data["etag"]
        else { return nil }
        return WriteAnswer(index: UInt64(index), version: UInt64(version), etag: etag)
    }
}
