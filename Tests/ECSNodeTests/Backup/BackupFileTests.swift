import Admin
import Crypto
import Foundation
import Testing

/// The backup file format (`BackupHeader`, `BackupFile`) and placing a backup for restore
/// (`PendingRestore`): what is accepted, and that every kind of damage is refused by name.
@Suite("Backup file format")
struct BackupFileTests {
    @Test("the header's fields sit where the documented layout puts them, and read back the same")
    func headerLayout() throws {
        let header = BackupFixture.header
        let bytes = header.encoded()
        #expect(bytes.count == header.encodedLength && bytes.count == 8 + 2 + 1 + 2 + 16 + 32)
        #expect(Array(bytes[0..<8]) == Array("ECSBACK".utf8) + [0])
        #expect(Array(bytes[8..<13]) == [0, 1, 2, UInt8(ascii: "e"), UInt8(ascii: "u")])
        #expect(Array(bytes[29..<37]) == [0, 0, 0, 0, 0, 0, 0x10, 0x92], "the applied index, big-endian")
        #expect(header.fileLength == UInt64(bytes.count) + 3000 + 32)
        let decoded = try BackupHeader(decoding: bytes)
        #expect(decoded == header)
        #expect(decoded.createdAt.timeIntervalSince1970 == 1_800_000_000.123)
    }

    @Test("a whole file verifies, reports its SHA-256, and gives its payload back")
    func roundTrip() throws {
        let fixture = try BackupFixture()
        let payload = (0..<3000).map { UInt8($0 % 251) }
        let bytes = BackupFixture.bytes(payload: payload)
        let path = try fixture.write(bytes)
        let verified = try BackupFile.verify(at: path)
        #expect(verified.header.appliedIndex == 4242 && verified.header.region == "eu")
        #expect(verified.size == UInt64(bytes.count))
        #expect(verified.sha256 == BackupFile.hex(Array(bytes.suffix(32))))
        let extracted = fixture.folder + "/data.mdb"
        try BackupFile.extractPayload(of: verified, at: path, to: extracted)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: extracted))) == payload)
    }

    @Test("a file cut short, or with bytes appended, is truncated", arguments: [-1, -33, -3000, 1])
    func truncated(by change: Int) throws {
        let fixture = try BackupFixture()
        let whole = BackupFixture.bytes()
        let bytes = change < 0 ? Array(whole.dropLast(-change)) : whole + [0]
        #expect(throws: BackupFileError.truncated) { try BackupFile.verify(at: try fixture.write(bytes)) }
    }

    @Test("a header cut inside its fields is truncated, not misread")
    func truncatedHeader() throws {
        let fixture = try BackupFixture()
        let bytes = Array(BackupFixture.bytes().prefix(20))
        #expect(throws: BackupFileError.truncated) { try BackupFile.verify(at: try fixture.write(bytes)) }
    }

    @Test("one flipped bit anywhere (header, payload or trailer) fails the checksum", arguments: [12, 200, 3080])
    func flippedByte(at offset: Int) throws {
        let fixture = try BackupFixture()
        var bytes = BackupFixture.bytes()
        #expect(offset < bytes.count)
        bytes[offset] ^= 0x01
        #expect(throws: BackupFileError.checksumMismatch) { try BackupFile.verify(at: try fixture.write(bytes)) }
    }

    @Test("another format version is refused by number, another magic as not a backup")
    func versionAndMagic() throws {
        let fixture = try BackupFixture()
        let newer = try fixture.write(BackupFixture.bytes(version: 2), as: "newer")
        #expect(throws: BackupFileError.unsupportedVersion(2)) { try BackupFile.verify(at: newer) }
        var foreign = BackupFixture.bytes()
        foreign[0] = UInt8(ascii: "X")
        #expect(throws: BackupFileError.notABackup) { try BackupFile.verify(at: try fixture.write(foreign, as: "x")) }
        #expect(throws: BackupFileError.notABackup) { try BackupFile.verify(at: try fixture.write([], as: "empty")) }
    }

    @Test("a backup is placed in a missing or empty folder, and the folder then holds only it")
    func placeForRestore() throws {
        let fixture = try BackupFixture()
        let backup = try fixture.write(BackupFixture.bytes())
        try FileManager.default.createDirectory(atPath: fixture.folder + "/empty", withIntermediateDirectories: true)
        for folder in [fixture.folder + "/missing/n1", fixture.folder + "/empty"] {
            let placed = try PendingRestore.place(backup: backup, into: folder)
            #expect(placed.header.appliedIndex == 4242)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [PendingRestore.fileName])
            #expect(
                FileManager.default.contentsEqual(atPath: backup, andPath: folder + "/" + PendingRestore.fileName))
        }
    }

    @Test("restore refuses a folder that holds anything, and a damaged backup, leaving the folder alone")
    func placeRefusals() throws {
        let fixture = try BackupFixture()
        let backup = try fixture.write(BackupFixture.bytes())
        let used = fixture.folder + "/used"
        try FileManager.default.createDirectory(atPath: used, withIntermediateDirectories: true)
        _ = try fixture.write([1], as: "used/identity.json")
        #expect(throws: PendingRestore.Refusal.folderNotEmpty(used)) {
            try PendingRestore.place(backup: backup, into: used)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: used) == ["identity.json"])

        var damaged = BackupFixture.bytes()
        damaged[100] ^= 0xff
        let fresh = fixture.folder + "/fresh"
        #expect(throws: PendingRestore.Refusal.backup(.checksumMismatch)) {
            try PendingRestore.place(backup: try fixture.write(damaged, as: "damaged"), into: fresh)
        }
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
