import NIOCore

/// One message of a `text/event-stream` (WHATWG HTML, "Server-sent events"): what the watch
/// writes to its clients.
///
/// Every message ends with a blank line, which is what makes a client dispatch it. `data` must
/// not contain a line break (the watch only sends canonical JSON, which escapes them), so each
/// message has at most one `data:` line and a client never has to join lines.
enum ServerSentEvent {
    /// An event: `id` becomes the client's `Last-Event-ID` when it reconnects.
    case event(id: UInt64, type: String, data: [UInt8])
    /// A comment line, which clients ignore: heartbeats and the opening line.
    case comment(String)

    /// The bytes of the message, appended to `buffer`, so a batch of events goes out in one write.
    func write(to buffer: inout ByteBuffer) {
        switch self {
        case .event(let id, let type, let data):
            precondition(!data.contains(UInt8(ascii: "\n")), "an SSE data line cannot hold a line break")
            buffer.writeString("id: \(id)\nevent: \(type)\ndata: ")
            buffer.writeBytes(data)
            buffer.writeString("\n\n")
        case .comment(let text):
            precondition(!text.contains("\n"), "an SSE comment cannot hold a line break")
            buffer.writeString(": \(text)\n\n")
        }
    }
}
