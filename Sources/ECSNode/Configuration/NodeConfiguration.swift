import Foundation
import PeerTransport

/// Everything a node needs to start, validated: the flags of the spec merged over the optional
/// YAML file, plus tuning that only the file sets.
struct NodeConfiguration: Sendable, Equatable {
    /// This node's name (`--id`), unique across regions.
    var name: String
    var region: String
    var dataDirectory: String
    var httpAddress: HostPort
    var raftAddress: HostPort
    /// The extra listener serving `GET /metrics` without a token (`--metrics`), if any.
    var metricsAddress: HostPort? = nil
    /// The region's initial voters by name (`--peers`), this node included unless it joins.
    var initialPeers: [String: HostPort]
    /// Bytes of the HS256 key for client tokens, trailing whitespace stripped.
    var authSecret: [UInt8]
    /// Start without bootstrapping: wait to be added with `POST /v1/cluster/members`.
    var join: Bool
    /// Join as a learner (non-voting) member.
    var learner: Bool
    /// The other regions' endpoints (`--region-seeds`) and the platform region (`--platform-region`).
    var regions: RegionMap
    var tuning: Tuning
    /// The limits of each edition (the file's `editions:` over the built-in ones).
    var editions = EditionCatalog.builtIn
    /// Mutual TLS between the nodes and TLS on the HTTP API (`--tls-cert`, `--tls-key`,
    /// `--tls-ca`), already read and checked; nil for plain TCP and HTTP.
    var tls: PeerTLS? = nil

    /// Settings with defaults that suit a LAN; only the YAML file changes them.
    struct Tuning: Sendable, Equatable {
        /// Length of one Raft tick. Heartbeats go every tick; elections time out after
        /// `electionTicks` to twice that.
        var tickMilliseconds: Int = 100
        var electionTicks: Int = 10
        /// Take a snapshot (and compact the log behind it) after this many applied entries.
        /// etcd's default: a snapshot copies the whole state, which keeps every version and
        /// audit record, so taking one every 10,000 entries cost a loaded cluster about a tenth
        /// of its time (every member copies at the same index) and put 100 ms stalls in its p99.
        var snapshotEntries: UInt64 = 100_000
        /// Entries kept in the log behind a snapshot, so a briefly lagging follower catches up
        /// from the log instead of needing the whole snapshot.
        var snapshotCatchUpEntries: UInt64 = 5_000
        /// How often the node reports the reads and refusals it counted to the audit trails
        /// (one log entry per window, `AccessReporter`).
        var accessReportMilliseconds: Int = 10_000
        /// A request's head must arrive within this long of its first byte, and its body within
        /// `requestBodyTimeoutMilliseconds` of its head; a slower client gets 408 (`ConnectionGuard`).
        var requestHeadTimeoutMilliseconds: Int = 10_000
        var requestBodyTimeoutMilliseconds: Int = 30_000
    }

    /// Whether `name` is a valid node or region name (the spec's `^[a-z0-9][a-z0-9-]{0,62}$`).
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func allowed(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return allowed(bytes[0]) && bytes.dropFirst().allSatisfy { allowed($0) || $0 == 0x2D }
    }
}

extension NodeConfiguration {
    /// Checks the cross-field rules: names, this node among its peers, distinct addresses.
    func validate() throws(ConfigurationError) {
        guard Self.isValidName(name) else {
            throw .invalid("--id", "'\(name)' must match [a-z0-9][a-z0-9-]{0,62}")
        }
        guard Self.isValidName(region) else {
            throw .invalid("--region", "'\(region)' must match [a-z0-9][a-z0-9-]{0,62}")
        }
        guard !dataDirectory.isEmpty else { throw .missing("--data-dir") }
        guard !authSecret.isEmpty else { throw .invalid("--auth-secret-file", "the file is empty") }
        guard httpAddress != raftAddress else {
            throw .invalid("--http", "\(httpAddress) is also the --raft address")
        }
        if let metricsAddress, metricsAddress == httpAddress || metricsAddress == raftAddress {
            throw .invalid(
                "--metrics",
                "\(metricsAddress) is also the \(metricsAddress == httpAddress ? "--http" : "--raft") address")
        }
        if let listed = initialPeers[name] {
            guard listed.port == raftAddress.port else {
                throw .invalid("--peers", "lists \(name)=\(listed) but --raft is \(raftAddress)")
            }
        } else if !join {
            throw .invalid("--peers", "does not list this node (\(name)); list it, or start with --join")
        }
        try regions.validate()
        if learner && !join {
            throw .invalid("--learner", "only a node that joins (--join) can start as a learner")
        }
        for peer in initialPeers.keys where !Self.isValidName(peer) {
            throw .invalid("--peers", "node name '\(peer)' must match [a-z0-9][a-z0-9-]{0,62}")
        }
        var ids: [UInt64: String] = [:]
        for peer in initialPeers.keys.sorted() {
            let id = NodeNaming.raftID(forNode: peer)
            if let other = ids[id] { throw .invalid("--peers", "names \(other) and \(peer) hash to the same id") }
            ids[id] = peer
        }
    }

    /// Parses `n1=host:port,n2=host:port`.
    static func parsePeers(_ text: String) throws(ConfigurationError) -> [String: HostPort] {
        var peers: [String: HostPort] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw .invalid("--peers", "'\(item)' is not name=host:port") }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard peers[name] == nil else { throw .invalid("--peers", "lists \(name) twice") }
            peers[name] = try HostPort(parsing: parts[1].trimmingCharacters(in: .whitespaces), flag: "--peers")
        }
        return peers
    }

    /// Parses one `--region-seeds` value: `us=http://h:p,http://h:p`.
    static func parseRegionSeed(_ text: String) throws(ConfigurationError) -> (String, [String]) {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw .invalid("--region-seeds", "'\(text)' is not region=http://host:port,...")
        }
        let urls = parts[1].split(separator: ",").map(String.init)
        for url in urls where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw .invalid("--region-seeds", "'\(url)' is not an http(s) URL")
        }
        return (String(parts[0]), urls)
    }
}
