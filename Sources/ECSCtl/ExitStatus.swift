import Admin
import ArgumentParser
import Foundation

/// How `ecsctl` ends when the region does not do what was asked: one line (plus any violations)
/// on standard error, and an exit status a script can branch on without parsing text.
enum ExitStatus {
    /// The region answered with a refusal, or an answer that could not be used.
    static let refused = ExitCode(1)
    /// No endpoint could be reached; nothing was done.
    static let unreachable = ExitCode(3)
    /// `failover-drill`: the region is not in a state to drill (no leader, fewer than 3 voters).
    static let notDrillable = ExitCode(4)
    /// `failover-drill`: the region did not elect, write or rejoin in time.
    static let timedOut = ExitCode(5)

    static func code(for error: AdminError) -> ExitCode {
        switch error {
        case .unreachable: unreachable
        case .refused, .noAnswer, .unexpectedAnswer: refused
        }
    }

    static func code(for error: DrillError) -> ExitCode {
        switch error {
        case .admin(let error): code(for: error)
        case .noLeader, .tooFewVoters, .leaderAddressUnknown: notDrillable
        case .timedOut: timedOut
        }
    }

    /// Writes `ecsctl: <error>` to standard error.
    static func report(_ error: some Error & CustomStringConvertible) {
        FileHandle.standardError.write(Data("ecsctl: \(error)\n".utf8))
    }
}
