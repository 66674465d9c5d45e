import Admin
import Foundation
import Synchronization
import Testing

/// `BackupDownload` over scripted answers: the file appears only whole and checked, progress is
/// reported, and a refusal or a damaged answer leaves no file behind.
@Suite("Backup download")
struct BackupDownloadTests {
    static let n1 = "http://127.0.0.1:8081"
    static let n2 = "http://127.0.0.1:8082"

    static func client(_ transport: ScriptedTransport) throws -> AdminClient {
        AdminClient(endpoints: try [n1, n2].map(Endpoint.init(parsing:)), token: "t", transport: transport)
    }

    static func answer(_ bytes: [UInt8]) -> AdminResponse {
        AdminResponse(status: 200, contentType: "application/octet-stream", body: bytes)
    }

    @Test("a backup from the second endpoint (the first is down) is written, checked and reported")
    func writesAVerifiedFile() async throws {
        let fixture = try BackupFixture()
        let bytes = BackupFixture.bytes()
        let transport = ScriptedTransport([Self.n2: .success(Self.answer(bytes))])
        let out = fixture.folder + "/nightly.ecsbackup"
        let reports = Mutex<[BackupDownload.Progress]>([])
        let (backup, endpoint) = try await BackupDownload.run(try Self.client(transport), to: out) { progress in
            reports.withLock { $0.append(progress) }
        }
        #expect(endpoint.baseURL == Self.n2)
        #expect(backup.header.appliedIndex == 4242 && backup.size == UInt64(bytes.count))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == bytes)
        #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
        let total = UInt64(bytes.count)
        let last = try #require(reports.withLock { $0 }.last)
        #expect(last.received == total && last.total == total)
        #expect(transport.requests.map(\.request.path) == ["/v1/cluster/snapshot", "/v1/cluster/snapshot"])
    }

    @Test("a damaged answer is refused and leaves neither the file nor its partial copy")
    func damagedAnswer() async throws {
        let fixture = try BackupFixture()
        var bytes = BackupFixture.bytes()
        bytes[500] ^= 0x40
        let transport = ScriptedTransport([Self.n1: .success(Self.answer(bytes))])
        let out = fixture.folder + "/nightly.ecsbackup"
        await #expect(throws: BackupDownload.Failure.file(.checksumMismatch)) {
            _ = try await BackupDownload.run(try Self.client(transport), to: out) { _ in }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder).isEmpty)
    }

    @Test("a refusal is the region's problem, and an existing file is left as it was")
    func refused() async throws {
        let fixture = try BackupFixture()
        let out = try fixture.write([42], as: "nightly.ecsbackup")
        let forbidden = AdminResponse.problem(
            403, title: "Forbidden", code: "forbidden", detail: "platform admins only")
        let client = try Self.client(ScriptedTransport([Self.n1: .success(forbidden)]))
        do throws(BackupDownload.Failure) {
            _ = try await BackupDownload.run(client, to: out) { _ in }
            Issue.record("a 403 wrote a backup")
        } catch {
            guard case .region(.refused(let problem)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(problem.status == 403)
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == [42])
        #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
    }
}
