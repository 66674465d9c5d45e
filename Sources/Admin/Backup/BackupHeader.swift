import Foundation

/// What a backup file says about itself, ahead of the copy it carries.
///
/// A backup file (`GET /v1/cluster/snapshot`, `ecsctl backup`) is, with every integer
/// big-endian:
///
/// ```
/// size  field
///    8  magic "ECSBACK\0"
///    2  format version (1)
///    1  region length n (1…63)
///    n  region, UTF-8
///   16  cluster id (the region's, as the peers' hello carries it)
///    8  applied index of the copy
///    8  term of that index
///    8  created at, milliseconds since 1970-01-01 UTC
///    8  payload length P
///    P  payload: a compacted LMDB data file, the node's state environment at the applied index
///   32  SHA-256 of every byte before it
/// ```
///
/// The header is plain binary, not JSON, so that a reader learns the whole file's length from a
/// fixed prefix and can refuse a truncated file before reading gigabytes of it. The trailer is a
/// checksum over everything (the header included), so a flipped byte anywhere is caught; it
/// comes last because the node computes it while streaming.
public struct BackupHeader: Sendable, Equatable {
    public static let magic: [UInt8] = Array("ECSBACK".utf8) + [0]
    /// The version this code writes and the only one it reads.
    public static let formatVersion: UInt16 = 1
    /// Bytes of the SHA-256 trailer.
    public static let trailerLength = 32
    /// Enough bytes to hold any header: the fixed fields and the longest region name.
    public static let maximumLength = magic.count + 2 + 1 + 63 + 16 + 8 * 4

    public var region: String
    /// 16 bytes.
    public var clusterID: [UInt8]
    public var appliedIndex: UInt64
    public var appliedTerm: UInt64
    /// Milliseconds since 1970-01-01 UTC.
    public var createdAtMilliseconds: Int64
    public var payloadLength: UInt64

    public init(
        region: String, clusterID: [UInt8], appliedIndex: UInt64, appliedTerm: UInt64, createdAt: Date,
        payloadLength: UInt64
    ) {
        precondition(clusterID.count == 16, "a cluster id is 16 bytes")
        precondition((1...63).contains(region.utf8.count), "region names are 1 to 63 bytes")
        self.region = region
        self.clusterID = clusterID
        self.appliedIndex = appliedIndex
        self.appliedTerm = appliedTerm
        self.createdAtMilliseconds = Int64((createdAt.timeIntervalSince1970 * 1000).rounded())
        self.payloadLength = payloadLength
    }

    public var createdAt: Date { Date(timeIntervalSince1970: Double(createdAtMilliseconds) / 1000) }

    /// The header's own length in bytes.
    public var encodedLength: Int { Self.magic.count + 2 + 1 + region.utf8.count + 16 + 8 * 4 }

    /// The length of the whole file this header starts.
    public var fileLength: UInt64 { UInt64(encodedLength) + payloadLength + UInt64(Self.trailerLength) }

    public func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(encodedLength)
        Self.append(Self.formatVersion, to: &bytes)
        bytes.append(UInt8(region.utf8.count))
        bytes += Array(region.utf8)
        bytes += clusterID
        for value in [appliedIndex, appliedTerm, UInt64(bitPattern: createdAtMilliseconds), payloadLength] {
            Self.append(value, to: &bytes)
        }
        return bytes
    }

    /// Reads the header at the start of `bytes` (the first `maximumLength` bytes of a file, or
    /// all of a shorter one).
    public init(decoding bytes: [UInt8]) throws(BackupFileError) {
        var reader = Reader(bytes: bytes)
        guard let magic = reader.take(Self.magic.count), magic == Self.magic else { throw .notABackup }
        guard let version = reader.integer(UInt16.self) else { throw .truncated }
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        guard let regionLength = reader.take(1)?.first else { throw .truncated }
        guard let regionBytes = reader.take(Int(regionLength)), let clusterID = reader.take(16) else {
            throw .truncated
        }
        guard (1...63).contains(regionLength), let region = String(validating: regionBytes, as: UTF8.self) else {
            throw .damagedHeader("the region name is not 1 to 63 bytes of UTF-8")
        }
        guard let index = reader.integer(UInt64.self), let term = reader.integer(UInt64.self),
            let created = reader.integer(UInt64.self), let payload = reader.integer(UInt64.self)
        else { throw .truncated }
        self.region = region
        self.clusterID = clusterID
        self.appliedIndex = index
        self.appliedTerm = term
        self.createdAtMilliseconds = Int64(bitPattern: created)
        self.payloadLength = payload
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }

    /// Takes fields off the front of the header bytes; nil when they run out.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) -> [UInt8]? {
            guard bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
            take(MemoryLayout<T>.size).map { $0.reduce(T(0)) { $0 << 8 | T($1) } }
        }
    }
}

/// Why a file is not a usable backup; each is one line for an operator.
public enum BackupFileError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with the backup magic.
    case notABackup
    /// Written by a format version this build does not read.
    case unsupportedVersion(UInt16)
    /// Shorter (or longer) than its header says.
    case truncated
    /// The header's fields make no sense.
    case damagedHeader(String)
    /// The SHA-256 trailer does not match the bytes before it.
    case checksumMismatch
    /// The file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .notABackup: "not an ECS backup file (wrong magic)"
        case .unsupportedVersion(let version):
            "backup format version \(version) is not supported (this build reads version \(BackupHeader.formatVersion))"
        case .truncated: "the backup file is truncated or has trailing bytes (its length does not match its header)"
        case .damagedHeader(let reason): "the backup header is damaged: \(reason)"
        case .checksumMismatch: "the backup file is corrupt (its SHA-256 does not match)"
        case .io(let reason): reason
        }
    }
}
