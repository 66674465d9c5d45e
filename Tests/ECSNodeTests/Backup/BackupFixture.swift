import Admin
import Crypto
import Foundation

/// Backup files for tests, built byte by byte from the layout `BackupHeader` documents (not
/// with the code under test's own writer), in a temporary folder removed with the value.
final class BackupFixture: Sendable {
    let folder: String

    init(_ purpose: String = #function) throws {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "ecs-backup-\(purpose.filter(\.isLetter))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static let header = BackupHeader(
        region: "eu", clusterID: Array(1...16), appliedIndex: 4242, appliedTerm: 7,
        createdAt: Date(timeIntervalSince1970: 1_800_000_000.123), payloadLength: 3000)

    /// A whole backup of `payload` (3000 patterned bytes unless given): header, payload, SHA-256.
    static func bytes(payload: [UInt8] = (0..<3000).map { UInt8($0 % 251) }, version: UInt16 = 1) -> [UInt8] {
        var header = Self.header
        header.payloadLength = UInt64(payload.count)
        var bytes = header.encoded()
        bytes[8] = UInt8(version >> 8)
        bytes[9] = UInt8(version & 0xff)
        bytes += payload
        return bytes + Array(SHA256.hash(data: bytes))
    }

    /// Writes `bytes` to `name` in the folder and returns its path.
    func write(_ bytes: [UInt8], as name: String = "backup.ecsbackup") throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
