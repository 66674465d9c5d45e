import Foundation
import Yams

/// The `--config FILE.yaml` equivalent of the flags: the same names without the leading dashes,
/// plus a `tuning` section and an `editions` section (`EditionsSection`: limits per edition,
/// which every node of a region should be given alike). Flags given on the command line win
/// over the file.
///
/// ```yaml
/// id: n1
/// region: eu
/// data-dir: /var/lib/ecs/n1
/// http: 127.0.0.1:8081
/// raft: 127.0.0.1:9081
/// metrics: 127.0.0.1:9181
/// peers: n1=127.0.0.1:9081,n2=127.0.0.1:9082,n3=127.0.0.1:9083
/// auth-secret-file: /etc/ecs/secret
/// region-seeds:
///   us: [http://10.0.1.1:8081, http://10.0.1.2:8081]
/// platform-region: eu
/// tls-cert: /etc/ecs/n1.pem
/// tls-key: /etc/ecs/n1.key
/// tls-ca: /etc/ecs/ca.pem
/// tuning:
///   tick-ms: 100
///   election-ticks: 10
///   snapshot-entries: 100000
///   snapshot-catch-up-entries: 5000
///   access-report-ms: 10000
///   request-head-timeout-ms: 10000
///   request-body-timeout-ms: 30000
/// editions:
///   free: {max-value-bytes: 4096, max-keys-per-set: 100, max-request-bytes: 16384, writes-per-second: 5}
/// ```
struct ConfigurationFile: Decodable, Equatable {
    var id: String?
    var region: String?
    var dataDir: String?
    var http: String?
    var raft: String?
    var metrics: String?
    var peers: String?
    var authSecretFile: String?
    var join: Bool?
    var learner: Bool?
    var regionSeeds: [String: [String]]?
    var platformRegion: String?
    var tlsCert: String?
    var tlsKey: String?
    var tlsCa: String?
    var tuning: TuningSection?
    /// Overrides of the edition limits, edition → setting → value; read by `EditionsSection`
    /// (not decoded: it is left out of `CodingKeys`).
    var editions: EditionCatalog.Overrides = [:]

    struct TuningSection: Decodable, Equatable {
        var tickMs: Int?
        var electionTicks: Int?
        var snapshotEntries: UInt64?
        var snapshotCatchUpEntries: UInt64?
        var accessReportMs: Int?
        var requestHeadTimeoutMs: Int?
        var requestBodyTimeoutMs: Int?

        enum CodingKeys: String, CodingKey {
            case tickMs = "tick-ms"
            case electionTicks = "election-ticks"
            case snapshotEntries = "snapshot-entries"
            case snapshotCatchUpEntries = "snapshot-catch-up-entries"
            case accessReportMs = "access-report-ms"
            case requestHeadTimeoutMs = "request-head-timeout-ms"
            case requestBodyTimeoutMs = "request-body-timeout-ms"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, region, http, raft, metrics, peers, join, learner, tuning
        case dataDir = "data-dir"
        case authSecretFile = "auth-secret-file"
        case regionSeeds = "region-seeds"
        case platformRegion = "platform-region"
        case tlsCert = "tls-cert"
        case tlsKey = "tls-key"
        case tlsCa = "tls-ca"
    }

    /// Reads and parses the file; unknown keys are refused so that a typo is not silently ignored.
    static func load(from path: String) throws(ConfigurationError) -> ConfigurationFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .file(path, "cannot read it (\(error.localizedDescription))")
        }
        do {
            let node = try Yams.compose(yaml: text)
            try rejectUnknownKeys(in: node, path: path)
            var file = try YAMLDecoder().decode(ConfigurationFile.self, from: text)
            file.editions = try EditionsSection.parse(node?["editions"], path: path)
            return file
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw .file(path, "not valid YAML for ecs-node (\(error))")
        }
    }

    private static func rejectUnknownKeys(in node: Node?, path: String) throws(ConfigurationError) {
        guard let mapping = node?.mapping else { return }
        let known = Set(
            [
                "id", "region", "data-dir", "http", "raft", "metrics", "peers", "auth-secret-file", "join", "learner",
                "region-seeds", "platform-region", "tls-cert", "tls-key", "tls-ca", "tuning", "editions",
            ])
        let knownTuning = Set([
            "tick-ms", "election-ticks", "snapshot-entries", "snapshot-catch-up-entries", "access-report-ms",
            "request-head-timeout-ms", "request-body-timeout-ms",
        ])
        for (key, value) in mapping {
            guard let name = key.string, known.contains(name) else {
                throw .file(path, "unknown setting '\(key.string ?? "?")'")
            }
            if name == "tuning", let tuning = value.mapping {
                for tuningKey in tuning.keys where !knownTuning.contains(tuningKey.string ?? "") {
                    throw .file(path, "unknown setting 'tuning.\(tuningKey.string ?? "?")'")
                }
            }
        }
    }
}
