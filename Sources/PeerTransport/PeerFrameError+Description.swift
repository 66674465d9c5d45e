/// Readable descriptions, because these errors end up in logs when a connection is dropped
/// and the operator needs to see what the peer sent.
extension PeerFrameError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .frameTooShort(let length):
            "frame length \(length) is too short for the version and kind bytes"
        case .frameTooLarge(let length, let limit):
            "frame length \(length) exceeds the limit of \(limit) bytes"
        case .unsupportedVersion(let version):
            "unsupported frame version \(version) at offset 4 (this build speaks \(PeerWireFormat.version))"
        case .unknownKind(let kind):
            "unknown frame kind \(kind) at offset 5"
        case .fieldOverrunsFrame(let field, let offset, let needed, let remaining):
            "\(field.rawValue) at offset \(offset) needs \(needed) bytes but only \(remaining) remain in the frame"
        case .countExceedsFrame(let field, let offset, let count, let remaining):
            "\(field.rawValue) at offset \(offset) announces \(count) elements, more than the \(remaining) "
                + "remaining bytes of the frame can hold"
        case .invalidValue(let field, let offset, let value):
            "\(field.rawValue) at offset \(offset) has invalid value \(value)"
        case .invalidUTF8(let field, let offset):
            "\(field.rawValue) at offset \(offset) is not valid UTF-8"
        case .unsortedNodeIDs(let field, let offset):
            "\(field.rawValue) at offset \(offset) is not strictly ascending"
        case .emptyBatch:
            "raft batch holds no message"
        case .inconsistentSnapshotChunk(let offset, let count, let totalLength, let isLast):
            "snapshot chunk of \(count) bytes at offset \(offset) with isLast \(isLast) "
                + "does not fit a snapshot of \(totalLength) bytes"
        case .trailingBytes(let offset, let count):
            "\(count) unread bytes at offset \(offset) at the end of the frame"
        case .truncatedStream(let bufferedBytes):
            "stream ended inside a frame, \(bufferedBytes) bytes buffered"
        }
    }
}
