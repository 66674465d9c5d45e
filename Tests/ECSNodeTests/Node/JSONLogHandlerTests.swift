import Foundation
import Logging
import Testing

@testable import ECSNode

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    private static func object(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test("one JSON object per line: time, level, message, logger, metadata, source")
    func shape() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 1_800_000_000.25), level: .warning,
            message: "leader is now \"n2\"\nsecond line", label: "ecs-node",
            metadata: ["node": "n1", "region": "eu", "peers": ["n2", "n3"], "limits": ["writes": "100"]],
            source: "ECSNode")
        let object = try Self.object(line)
        #expect(object["time"] as? String == "2027-01-15T08:00:00.250Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["msg"] as? String == "leader is now \"n2\"\nsecond line")
        #expect(object["logger"] as? String == "ecs-node")
        #expect(object["node"] as? String == "n1" && object["region"] as? String == "eu")
        #expect(object["peers"] as? [String] == ["n2", "n3"])
        #expect(object["limits"] as? [String: String] == ["writes": "100"])
        #expect(object["source"] as? String == "ECSNode")
        #expect(line.hasPrefix(#"{"time":"#))
    }

    @Test("metadata cannot replace the fixed members or duplicate a key")
    func reservedKeys() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 0), level: .info, message: "real", label: "ecs-node",
            metadata: ["msg": "forged", "level": "critical", "tenant": "acme"], source: "ECSNode")
        let object = try Self.object(line)
        #expect(object["msg"] as? String == "real" && object["level"] as? String == "info")
        #expect(object["tenant"] as? String == "acme")
        #expect(line.components(separatedBy: #""msg":"#).count == 2)
    }

    @Test("metadata set on a logger is kept as given and merged with the event's own")
    func metadataMerging() {
        var handler = JSONLogHandler(label: "ecs-node")
        handler[metadataKey: "node"] = "n1"
        handler[metadataKey: "hb.request.id"] = .stringConvertible(42)
        #expect(handler[metadataKey: "node"] == "n1")
        #expect(handler.metadata.count == 2)
        handler[metadataKey: "node"] = nil
        #expect(handler.metadata.count == 1)
    }
}
