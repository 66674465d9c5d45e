import Foundation
import NIOCore
import NIOPosix

/// One request written as raw bytes on a fresh TCP connection, and the answer read back: for
/// input no HTTP client library would send (bad request lines, invalid UTF-8 in a path, clashing
/// framing headers, trickled headers).
struct RawHTTPExchange: Sendable {
    /// The answer's status code, or `nil` when the node closed without answering.
    var status: Int?
    /// The raw answer: status line, headers and whatever body arrived.
    var text: String
    /// Whether the node closed the connection after answering.
    var closed: Bool

    /// Writes `request` to `port` on loopback (in `pieces` written `pause` apart, when given) and
    /// reads until the node closes or `timeout` passes.
    static func send(
        _ request: [UInt8], port: Int, pieces: Int = 1, pause: Duration = .zero, timeout: Duration = .seconds(5)
    ) async throws -> RawHTTPExchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let size = max(1, (request.count + pieces - 1) / pieces)
            return try await withThrowingTaskGroup(of: RawHTTPExchange?.self) { group in
                group.addTask {
                    var received: [UInt8] = []
                    for try await buffer in inbound { received += buffer.readableBytesView }
                    return RawHTTPExchange(received: received, closed: true)
                }
                group.addTask {
                    for start in stride(from: 0, to: request.count, by: size) {
                        if start > 0 { try await Task.sleep(for: pause) }
                        try? await outbound.write(ByteBuffer(bytes: request[start..<min(start + size, request.count)]))
                    }
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first ?? RawHTTPExchange(status: nil, text: "(no answer within \(timeout))", closed: false)
            }
        }
    }

    private init(status: Int?, text: String, closed: Bool) {
        self.status = status
        self.text = text
        self.closed = closed
    }

    private init(received: [UInt8], closed: Bool) {
        let text = String(decoding: received, as: UTF8.self)
        let statusLine = text.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let fields = statusLine.split(separator: " ")
        self.init(status: fields.count >= 2 ? Int(fields[1]) : nil, text: text, closed: closed)
    }
}
