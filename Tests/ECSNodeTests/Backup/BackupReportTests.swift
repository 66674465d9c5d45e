import Admin
import Foundation
import Testing

/// What `ecsctl backup` and `ecsctl restore` print about a backup.
@Suite("Backup report")
struct BackupReportTests {
    @Test("sizes read in binary units with one decimal; plain bytes below a KiB")
    func byteCounts() {
        #expect(BackupReport.byteCount(0) == "0 B")
        #expect(BackupReport.byteCount(1023) == "1023 B")
        #expect(BackupReport.byteCount(1024) == "1.0 KiB")
        #expect(BackupReport.byteCount(48 << 20 + 300 << 10) == "48.3 MiB")
        #expect(BackupReport.byteCount(3 << 40) == "3.0 TiB")
    }

    @Test("the summary names the file, region, index and term, time, size and SHA-256; --json has the same")
    func summary() throws {
        let fixture = try BackupFixture()
        let path = try fixture.write(BackupFixture.bytes())
        let backup = try BackupFile.verify(at: path)
        let summary = BackupReport.summary(backup, file: "nightly.ecsbackup", source: "http://127.0.0.1:8082")
        #expect(
            BackupReport.text(summary) == """
                file      nightly.ecsbackup
                region    eu
                index     4242 (term 7)
                taken at  2027-01-15T08:00:00Z
                size      3.0 KiB (3093 bytes)
                sha256    \(backup.sha256)
                """)
        let decoded = try JSONDecoder().decode(
            BackupReport.Summary.self, from: Data(BackupReport.json(summary).utf8))
        #expect(decoded == summary)
        #expect(decoded.clusterId == "0102030405060708090a0b0c0d0e0f10" && decoded.dataDir == nil)
    }
}
