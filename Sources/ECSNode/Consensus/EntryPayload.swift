import Raft

/// The meaning of a normal log entry's bytes: one tag byte, the proposer's 8-byte request id
/// (big-endian), then the body.
///
/// The request id lets the node that proposed a command find it again when it is applied —
/// on a leader at the index it was appended, and after a change of leader wherever (if
/// anywhere) it was committed. The empty entry a new leader appends has no payload at all.
enum EntryPayload: Equatable {
    /// A config-domain command for `ConfigStateMachine`.
    case command(requestID: UInt64, body: [UInt8])
    /// A node announcing its addresses (`MemberRecord` as JSON) for the members table.
    case memberRecord(requestID: UInt64, body: [UInt8])

    private static let commandTag: UInt8 = 1
    private static let memberRecordTag: UInt8 = 2
    private static let headerLength = 9

    func encoded() -> [UInt8] {
        let (tag, requestID, body) =
            switch self {
            case .command(let id, let body): (Self.commandTag, id, body)
            case .memberRecord(let id, let body): (Self.memberRecordTag, id, body)
            }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerLength + body.count)
        bytes.append(tag)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: requestID >> shift))
        }
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Decodes an entry's data; `nil` for the empty entry of a new leader. Bytes that are not a
    /// payload this build wrote are reported, never trusted.
    static func decode(_ data: [UInt8]) throws(EntryPayloadError) -> EntryPayload? {
        guard !data.isEmpty else { return nil }
        guard data.count >= headerLength else { throw .truncated(data.count) }
        let requestID = data[1..<headerLength].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let body = Array(data[headerLength...])
        switch data[0] {
        case commandTag: return .command(requestID: requestID, body: body)
        case memberRecordTag: return .memberRecord(requestID: requestID, body: body)
        default: throw .unknownTag(data[0])
        }
    }

    /// The request id alone, without copying the body (used for every entry a leader appends).
    static func requestID(of data: [UInt8]) -> UInt64? {
        guard data.count >= headerLength else { return nil }
        return data[1..<headerLength].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}

/// A log entry whose payload this build cannot read.
enum EntryPayloadError: Error, CustomStringConvertible {
    case truncated(Int)
    case unknownTag(UInt8)

    var description: String {
        switch self {
        case .truncated(let count): "an entry payload of \(count) bytes is shorter than its header"
        case .unknownTag(let tag): "an entry payload has the unknown tag \(tag)"
        }
    }
}
