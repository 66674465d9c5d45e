import NIOCore
import Testing

@testable import ECSNode

@Suite("Watch: the bytes of the stream")
struct WatchFormatTests {
    private func text(_ message: ServerSentEvent) -> String {
        var buffer = ByteBuffer()
        message.write(to: &buffer)
        return String(buffer: buffer)
    }

    @Test("an event is id, event and one data line, then a blank line; a comment is one ': ' line")
    func wireFormat() {
        #expect(
            text(.event(id: 42, type: "config.published", data: Array(#"{"a":1}"#.utf8)))
                == "id: 42\nevent: config.published\ndata: {\"a\":1}\n\n")
        #expect(text(.comment("heartbeat")) == ": heartbeat\n\n")
    }

    @Test("a platform change on a tenant's watch names the tenant in its subject and says scope platform")
    func platformCloudEvent() {
        let record = EventRecord(
            index: 7, namespace: .platform, set: "payments", version: 3, etag: "e3", at: 1_700_000_000_123)
        #expect(
            ConfigPublishedEvent.cloudEvent(for: record, tenant: "acme", region: "us")
                == [
                    "specversion": "1.0", "id": "7", "source": "/ecs/regions/us", "type": "ecs.config.published",
                    "subject": "acme/payments", "time": "2023-11-14T22:13:20.123Z",
                    "datacontenttype": "application/json",
                    "data": ["set": "payments", "version": 3, "etag": "e3", "index": 7, "scope": "platform"],
                ])
    }

    @Test(
        "event times are RFC 3339 UTC with exact milliseconds",
        arguments: [
            (Int64(1_700_000_000_123), "2023-11-14T22:13:20.123Z"),
            (5, "1970-01-01T00:00:00.005Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
        ])
    func times(milliseconds: Int64, expected: String) {
        #expect(ConfigPublishedEvent.rfc3339(milliseconds: milliseconds) == expected)
    }
}
