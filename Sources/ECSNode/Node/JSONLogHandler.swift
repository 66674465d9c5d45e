import Foundation
import Logging
import Synchronization

/// Writes each log event as one JSON object per line on standard error:
/// `{"time", "level", "msg", "logger", <metadata>…, "source"}`, for log shippers to index by
/// node, region, tenant or request without parsing prose.
///
/// Metadata is kept as given and only rendered when an event is written. swift-log's stream
/// handler renders it on every change instead, and Hummingbird adds a request id to its logger
/// for every request: that rendering alone cost about 3% of a leader's CPU under write load.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?
    private let label: String

    init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = Self.line(
            time: Date(), level: event.level, message: event.message.description, label: label, metadata: merged,
            source: event.source)
        StandardError.write(line)
    }

    /// The JSON line of one event. Fixed members first, so that a person reading the raw file
    /// sees time, level and message at the start; metadata keys in sorted order.
    static func line(
        time: Date, level: Logger.Level, message: String, label: String, metadata: Logger.Metadata, source: String
    ) -> String {
        var members = [
            ("time", JSONValue.string(time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))),
            ("level", .string(level.rawValue)), ("msg", .string(message)), ("logger", .string(label)),
        ]
        for key in metadata.keys.sorted() where !reservedKeys.contains(key) {
            members.append((key, json(metadata[key]!)))
        }
        members.append(("source", .string(source)))
        let body = members.map { key, value in
            String(
                decoding: JSONValue.string(key).canonicalBytes + [UInt8(ascii: ":")] + value.canonicalBytes,
                as: UTF8.self)
        }
        return "{" + body.joined(separator: ",") + "}\n"
    }

    /// The members every line has; metadata under these names would make duplicate keys.
    private static let reservedKeys: Set = ["time", "level", "msg", "logger", "source"]

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }
}

/// Standard error, written one whole line at a time by any thread: straight to the file
/// descriptor (no C stream buffer to share), under a lock so that a line written in parts is
/// never interleaved with another.
private enum StandardError {
    private static let lock = Mutex(())

    static func write(_ line: String) {
        var line = line
        lock.withLock { _ in
            line.withUTF8 { bytes in
                var rest = UnsafeRawBufferPointer(bytes)
                while !rest.isEmpty {
                    let written = Foundation.write(STDERR_FILENO, rest.baseAddress, rest.count)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    rest = UnsafeRawBufferPointer(rebasing: rest[written...])
                }
            }
        }
    }
}
