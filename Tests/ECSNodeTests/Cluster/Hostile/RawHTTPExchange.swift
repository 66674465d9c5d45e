import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// One request written as raw bytes on a fresh TCP connection, and the answer read back: for
/// input no HTTP client library would send (bad request lines, invalid UTF-8 in a path, clashing
/// framing headers, trickled headers).
struct RawHTTPExchange: Sendable {
    /// The answer's status code, or `nil` when nothing arrived.
    var status: Int?
    /// The raw answer: status line, headers and whatever body arrived.
    var text: String
    /// Whether the node closed the connection (rather than the wait ending at `timeout`).
    var closed: Bool

    /// Writes `request` to `port` on loopback — after `delay`, in `pieces` written `pause` apart —
    /// and reads until the node closes or `timeout` (counted from the connection) passes.
    static func send(
        _ request: [UInt8], port: Int, delay: Duration = .zero, pieces: Int = 1, pause: Duration = .zero,
        timeout: Duration = .seconds(5)
    ) async throws -> RawHTTPExchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let received = ReceivedBytes()
        let closed = try await channel.executeThenClose { inbound, outbound in
            let size = max(1, (request.count + pieces - 1) / pieces)
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    // A reset after the answer (the node closed while the rest was being sent)
                    // ends the connection like a close.
                    do {
                        for try await buffer in inbound { received.bytes.withLock { $0 += buffer.readableBytesView } }
                    } catch {}
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return false
                }
                group.addTask {
                    try await Task.sleep(for: delay)
                    for start in stride(from: 0, to: request.count, by: size) {
                        if start > 0 { try await Task.sleep(for: pause) }
                        try? await outbound.write(ByteBuffer(bytes: request[start..<min(start + size, request.count)]))
                    }
                    try await Task.sleep(for: timeout)
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        }
        return RawHTTPExchange(received: received.bytes.withLock { $0 }, closed: closed)
    }

    private init(received: [UInt8], closed: Bool) {
        text = String(decoding: received, as: UTF8.self)
        let statusLine = text.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let fields = statusLine.split(separator: " ")
        status = fields.count >= 2 ? Int(fields[1]) : nil
        self.closed = closed
    }
}

/// What a connection received so far, shared by the task reading it and the one returning it.
private final class ReceivedBytes: Sendable {
    let bytes = Mutex<[UInt8]>([])
}
