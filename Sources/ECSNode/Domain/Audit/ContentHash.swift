import Crypto

/// SHA-256 in lower-case hex: how the audit trail names values (never copying them) and links
/// its records.
enum ContentHash {
    static func hex(of bytes: [UInt8]) -> String {
        SetETag.hex(SHA256.hash(data: bytes))
    }
}
