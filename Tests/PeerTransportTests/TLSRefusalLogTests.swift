import Logging
import Synchronization
import Testing

@testable import PeerTransport

/// A peer with a bad certificate redials forever: its refusal is one warning, then debug lines,
/// until a handshake with it works again.
@Suite("TLS refusals are logged once per peer")
struct TLSRefusalLogTests {
    @Test("the same refusal warns once; another reason or a success in between warns again")
    func oncePerPeerAndReason() {
        let lines = RecordedLines()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .debug
        let log = TLSRefusalLog()
        for _ in 0..<5 { log.refused("127.0.0.1:9082", reason: "expired", logger: logger) }
        log.refused("127.0.0.1:9083", reason: "expired", logger: logger)
        log.refused("127.0.0.1:9082", reason: "another CA", logger: logger)
        log.succeeded("127.0.0.1:9082")
        log.refused("127.0.0.1:9082", reason: "expired", logger: logger)
        #expect(lines.levels == [.warning, .debug, .debug, .debug, .debug, .warning, .warning, .warning])
    }
}

/// A log handler that keeps the level of every line.
private final class RecordedLines: LogHandler, Sendable {
    private let recorded = Mutex<[Logger.Level]>([])
    var levels: [Logger.Level] { recorded.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        recorded.withLock { $0.append(event.level) }
    }
}
