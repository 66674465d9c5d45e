import Admin
import Foundation
import Logging

/// Turns what the node's `AccessTally` counted into one `audit.access` command per window.
///
/// The leader proposes its report itself; a follower hands its report to the leader
/// (`AccessReportDelivery`), which proposes it. A report that certainly did not reach the log
/// (no leader, no quorum) goes back into the tally for the next window, within the tally's
/// bounds; one whose fate is unknown is given up rather than risk counting it twice.
struct AccessReporter: Sendable {
    /// What one `report()` did.
    enum Result: Equatable, Sendable {
        /// Nothing was counted.
        case empty
        /// The log took the report: this many audit records were appended (tenants that do not
        /// exist are left out).
        case recorded(records: UInt64)
        /// Not delivered; the counters are back in the tally.
        case retained
        /// Not known to be delivered, and given up.
        case abandoned
    }

    let tally: AccessTally
    let consensus: any ConsensusClient
    let nodeName: String
    /// The wall clock stamped into the command.
    let now: @Sendable () -> Date
    /// Hands a follower's report to the leader at an HTTP address.
    let delivery: AccessReportDelivery
    let logger: Logger

    /// The reporter of the node `dependencies` describe, delivering to the leader with a token
    /// minted from the node's auth secret.
    init(_ dependencies: APIDependencies, logger: Logger = Logger(label: "ecs-node")) async {
        self.tally = dependencies.accessTally
        self.consensus = dependencies.consensus
        self.nodeName = dependencies.nodeName
        self.now = dependencies.now
        self.delivery = AccessReportDelivery(
            client: dependencies.httpClient, minter: await TokenMinter(secret: dependencies.authKey),
            nodeName: dependencies.nodeName, scheme: dependencies.memberScheme, now: dependencies.now,
            timeout: dependencies.forwardingTimeout)
        self.logger = logger
    }

    /// The subject of the commands a node proposes for itself.
    var actor: String { "node:\(nodeName)" }

    /// Reports what was counted since the last report.
    func report() async -> Result {
        var window = tally.drain()
        if window.dropped > 0 {
            logger.warning(
                "the access tally was full: \(window.dropped) reads or refusals were not counted for the audit trails")
            window.dropped = 0
        }
        guard !window.isEmpty else { return .empty }
        let report = AccessReport(node: nodeName, counters: window.counters)
        let command = Command(
            actor: actor, issuedAt: RequestParsing.milliseconds(now()), action: .recordAccess(report))
        do {
            let applied = try await consensus.propose(command.encoded())
            guard case .accessRecorded(let receipt) = applied.outcome else {
                logger.error("the log refused this node's access report")
                return .abandoned
            }
            return .recorded(records: receipt.records)
        } catch .notLeader(let address?) {
            return await deliver(report, window: window, to: address)
        } catch .outcomeUnknown(let reason) {
            logger.warning("an access report may not have been recorded (\(reason)); it is not sent again")
            return .abandoned
        } catch {
            tally.restore(window)
            return .retained
        }
    }

    private func deliver(_ report: AccessReport, window: AccessTally.Window, to address: String) async -> Result {
        switch await delivery.deliver(report, to: address) {
        case .delivered(let records):
            return .recorded(records: records)
        case .notDelivered:
            tally.restore(window)
            return .retained
        case .unknown(let reason):
            logger.warning("an access report may not have been recorded (\(reason)); it is not sent again")
            return .abandoned
        }
    }
}
