import Logging

/// Keeps this region's copy of one remote region's shared namespaces: pulls the remote's outbox
/// after the position this region has replayed through, and proposes each command as a
/// `federation.apply` (`FederationReplay`), in order, through this region's own log.
///
/// Runs on every node but works only while its node leads (proposals need the leader); the
/// position lives in the replicated state, so a new leader — or the same node after a restart —
/// continues exactly where replay stands. Everything it proposes is checked again when applied
/// (the position must match), so two leaders pulling at once during a change of leadership
/// cannot apply a command twice.
struct FederationPuller: Sendable {
    let remote: RegionClient
    /// Whether the remote owns the tenant directory and the platform namespace: only then are
    /// its directory and platform changes applied here.
    let remoteOwnsPlatform: Bool
    let consensus: any ConsensusClient
    let nodeName: String
    let logger: Logger
    /// This region's lag behind the remote, as the pulls see it.
    let metrics: FederationMetrics
    /// Commands per pull.
    var batch = 256
    /// How long a pull waits at the remote for something new.
    var longPoll: Duration = .seconds(10)

    /// What one round did, and how long to pause before the next.
    enum Round: Equatable {
        /// Replayed this many commands (0: nothing new within the long poll).
        case replayed(Int)
        /// Not the leader: nothing to do here.
        case notLeader
        /// The remote, or this region, could not go on; pause before trying again.
        case stalled(String)
        /// A command needs a directory change that has not come from the platform region yet.
        case waiting(String)
    }

    /// Pulls once and proposes what came.
    func round(now: () -> Int64) async -> Round {
        guard consensus.status().role == "leader" else {
            metrics.observe(pending: 0, oldestIssuedAt: nil, now: 0)
            return .notLeader
        }
        let position: FederationPosition
        do {
            position = try consensus.stateStore.read { transaction, environment in
                try FederationProgress(tables: ConfigTables(in: environment)).position(
                    of: remote.region, in: transaction)
            }
        } catch {
            return .stalled("cannot read the replay position of \(remote.region): \(error)")
        }
        let page: JSONValue
        do {
            page = try await remote.get(
                "/v1/federation/outbox?after=\(position.index)&limit=\(batch)&waitMs=\(Int(longPoll / .milliseconds(1)))",
                timeout: longPoll + .seconds(5))
        } catch {
            metrics.pullFailures.increment()
            return .stalled("pulling from region \(remote.region): \(error)")
        }
        let entries: [OutboxEntry]
        do {
            entries = try JSONFields(page).records("entries", as: OutboxEntry.self)
        } catch {
            metrics.pullFailures.increment()
            return .stalled("region \(remote.region) sent an outbox page this node cannot read: \(error)")
        }
        metrics.observe(pending: entries.count, oldestIssuedAt: entries.first?.command.issuedAt, now: now())
        let replays = self.replays(of: entries, after: position.index)
        guard !replays.isEmpty else {
            metrics.observe(pending: 0, oldestIssuedAt: nil, now: now())
            return .replayed(0)
        }
        let proposals = replays.map {
            Command(actor: "region:\(remote.region)", issuedAt: now(), action: .replay($0)).encoded()
        }
        var replayed = 0
        for result in await consensus.propose(inOrder: proposals) {
            switch result {
            case .failure(let error):
                return replayed > 0 ? .replayed(replayed) : .stalled("proposing a replay: \(error)")
            case .success(let applied):
                switch applied.outcome {
                case .federated(let receipt):
                    if let refusal = receipt.refusal {
                        logger.error(
                            "federation: the copy of a namespace of \(remote.region) refused the command at \(receipt.position), which its home applied (diverged): \(refusal)"
                        )
                    }
                    replayed += 1
                case .rejected(let rejection) where replayed == 0 && rejection.reason == .federationWaiting:
                    return .waiting(rejection.detail)
                default:
                    return replayed > 0
                        ? .replayed(replayed)
                        : .stalled("a replay was refused: \(applied.outcome)")
                }
            }
        }
        // Every entry of the page is applied now: no lag until a pull brings more (a long poll
        // with nothing new takes `longPoll` to return, and the gauge must not wait for it).
        metrics.observe(pending: 0, oldestIssuedAt: nil, now: now())
        return .replayed(replayed)
    }

    /// A page's entries as replays continuing from `after`. Directory and platform changes
    /// from a region that does not own them are carried as empty replays (moved past).
    func replays(of entries: [OutboxEntry], after: UInt64) -> [FederationReplay] {
        var previous = after
        return entries.map { entry in
            defer { previous = entry.index }
            let owned = remoteOwnsPlatform || FederationOutbox.namespace(of: entry.command) != .platform
            return FederationReplay(
                region: remote.region, after: previous, index: entry.index, command: owned ? entry.command : nil)
        }
    }
}

/// One entry of a remote outbox page: a command and the remote index that applied it.
struct OutboxEntry: JSONRecord {
    var index: UInt64
    var command: Command

    var json: JSONValue { .object(["index": .count(index), "command": command.json]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        index = try fields.count("index")
        do {
            command = try Command(json: fields.value("command"))
        } catch {
            throw RecordShapeError("the command at index \(index): \(error)")
        }
    }
}
