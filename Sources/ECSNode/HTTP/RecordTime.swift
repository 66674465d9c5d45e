import Foundation

/// The API form of a stored record's time (`createdAt` of tenants and of versions).
enum RecordTime {
    /// `milliseconds` since 1970 (a proposer's time) as RFC 3339 in UTC, to the second,
    /// e.g. `2027-01-15T08:00:00Z`.
    static func text(milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }
}
