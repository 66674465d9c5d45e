import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import ECSNode

/// One message of a `text/event-stream` as a client parses it.
struct ReceivedMessage: Sendable, Equatable, CustomStringConvertible {
    var id: String?
    var event: String?
    var data: String?
    var comments: [String] = []

    var isHeartbeat: Bool { event == nil && comments == ["heartbeat"] }

    /// The `data` line as JSON.
    var json: JSONValue {
        get throws { try JSONValue.parse(Array((data ?? "").utf8)) }
    }

    var description: String {
        "id=\(id ?? "-") event=\(event ?? "-") comments=\(comments) data=\(data ?? "-")"
    }
}

/// A test's connection to a watch: its own HTTP client, so that `close()` really drops the
/// connection (the server must notice), and an incremental parser of the stream, so a test can
/// wait for each message as it arrives.
final class EventStreamClient {
    let status: Int
    let headers: HTTPHeaders
    private let client: HTTPClient
    private var body: HTTPClientResponse.Body.AsyncIterator
    /// Received bytes that do not form a whole message yet.
    private var unparsed: [UInt8] = []
    private var closed = false

    /// Opens `url` with a bearer `token` and, when given, a `Last-Event-ID`. The stream is read
    /// on demand; a non-200 answer's body is read by `errorBody()`. Reading fails once nothing
    /// arrived for `silence` (heartbeats included), so a stream that goes quiet fails its test
    /// rather than hanging it.
    init(_ url: String, token: String, lastEventID: String? = nil, silence: Duration = .seconds(20)) async throws {
        let (seconds, attoseconds) = silence.components
        let readTimeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(2), read: readTimeout))
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: token)
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .minutes(10))
        } catch {
            try? await client.shutdown()
            throw error
        }
        self.client = client
        status = Int(response.status.code)
        headers = response.headers
        body = response.body.makeAsyncIterator()
    }

    /// The next message, comments included; `nil` when the server ended the stream.
    func next() async throws -> ReceivedMessage? {
        while true {
            if let message = takeMessage() { return message }
            guard let chunk = try await body.next() else { return nil }
            unparsed += chunk.readableBytesView
        }
    }

    /// The next event (heartbeats and other comments skipped); fails after `timeout` or at the
    /// end of the stream.
    func nextEvent(within timeout: Duration = .seconds(10)) async throws -> ReceivedMessage {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let message = try await next() else { throw StreamEnded() }
            if message.event != nil { return message }
        }
        throw StreamTimedOut(timeout: timeout)
    }

    /// The next `count` events, in order.
    func events(_ count: Int, within timeout: Duration = .seconds(10)) async throws -> [ReceivedMessage] {
        var received: [ReceivedMessage] = []
        for _ in 0..<count { received.append(try await nextEvent(within: timeout)) }
        return received
    }

    /// Reads until a message satisfies `condition` and returns it; every message before it is
    /// returned too, so a test can assert what came first.
    func read(
        until condition: (ReceivedMessage) -> Bool, within timeout: Duration = .seconds(10)
    ) async throws -> [ReceivedMessage] {
        let deadline = ContinuousClock.now + timeout
        var received: [ReceivedMessage] = []
        while ContinuousClock.now < deadline {
            guard let message = try await next() else { throw StreamEnded() }
            received.append(message)
            if condition(message) { return received }
        }
        throw StreamTimedOut(timeout: timeout)
    }

    /// The whole body of a refused request.
    func errorBody() async throws -> String {
        var text = String(decoding: unparsed, as: UTF8.self)
        while let chunk = try await body.next() { text += String(buffer: chunk) }
        return text
    }

    /// Drops the connection.
    func close() async {
        guard !closed else { return }
        closed = true
        try? await client.shutdown()
    }

    deinit {
        // A test that failed half-way did not close its stream. AsyncHTTPClient insists on a
        // shutdown before a client is released; the shutdown keeps the client alive until done.
        if !closed { client.shutdown().whenComplete { _ in } }
    }

    /// One message from `unparsed`, when a blank line has arrived.
    private func takeMessage() -> ReceivedMessage? {
        let newline = UInt8(ascii: "\n")
        guard
            let end = unparsed.indices.dropLast().first(where: {
                unparsed[$0] == newline && unparsed[$0 + 1] == newline
            })
        else { return nil }
        let text = String(decoding: unparsed[..<end], as: UTF8.self)
        unparsed.removeSubrange(...(end + 1))
        var message = ReceivedMessage()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let (field, value) = Self.split(line)
            switch field {
            case "": message.comments.append(value)
            case "id": message.id = value
            case "event": message.event = value
            case "data": message.data = (message.data.map { $0 + "\n" } ?? "") + value
            default: break
            }
        }
        return message
    }

    /// `field: value` (one optional space after the colon, as the SSE spec says).
    private static func split(_ line: Substring) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (String(line), "") }
        var value = line[line.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        return (String(line[..<colon]), String(value))
    }
}

struct StreamEnded: Error {}

struct StreamTimedOut: Error, CustomStringConvertible {
    let timeout: Duration
    var description: String { "no matching message within \(timeout)" }
}
