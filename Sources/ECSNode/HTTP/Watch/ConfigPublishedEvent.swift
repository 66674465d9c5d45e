import Foundation

/// The `config.published` event of the watch: one stored `EventRecord` as a CloudEvents 1.0 JSON
/// object (structured mode), as one tenant's watch sees it.
///
/// CloudEvents because it is the envelope event routers and SDKs already understand: `source`
/// names the region whose log ordered the change, `id` is the Raft index (unique within that
/// log), and `subject` the tenant's set. A platform layer change is delivered to every tenant's
/// watch, because it changes every tenant's resolved configuration of that set; `data.scope`
/// tells the two apart.
enum ConfigPublishedEvent {
    /// The SSE event name.
    static let eventType = "config.published"
    /// The CloudEvents `type`.
    static let cloudEventType = "ecs.config.published"

    /// The SSE message for `record` on `tenant`'s watch, with `source` `/ecs/regions/{region}`.
    static func message(for record: EventRecord, tenant: String, region: String) -> ServerSentEvent {
        .event(
            id: record.index, type: eventType,
            data: cloudEvent(for: record, tenant: tenant, region: region).canonicalBytes)
    }

    /// The CloudEvents object itself.
    static func cloudEvent(for record: EventRecord, tenant: String, region: String) -> JSONValue {
        let scope: JSONValue =
            switch record.namespace {
            case .platform: "platform"
            case .tenant: "tenant"
            }
        return [
            "specversion": "1.0",
            "id": .string(String(record.index)),
            "source": .string("/ecs/regions/\(region)"),
            "type": .string(cloudEventType),
            "subject": .string("\(tenant)/\(record.set)"),
            "time": .string(rfc3339(milliseconds: record.at)),
            "datacontenttype": "application/json",
            "data": [
                "set": .string(record.set),
                "version": .integer(Int64(clamping: record.version)),
                "etag": .string(record.etag),
                "index": .integer(Int64(clamping: record.index)),
                "scope": scope,
            ],
        ]
    }

    /// `at` (the proposer's milliseconds since 1970) as an RFC 3339 UTC time with milliseconds.
    ///
    /// The whole seconds and the milliseconds are formatted apart, because going through a
    /// `Double` of seconds can turn `.123` into `.122`.
    static func rfc3339(milliseconds: Int64) -> String {
        var (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if fraction < 0 { (seconds, fraction) = (seconds - 1, fraction + 1000) }
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)  // ends in "Z"
        let digits = String(fraction)
        return "\(whole.dropLast()).\(String(repeating: "0", count: 3 - digits.count))\(digits)Z"
    }
}
