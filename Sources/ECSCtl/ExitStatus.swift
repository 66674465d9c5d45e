import Admin
import ArgumentParser
import Foundation

/// How `ecsctl` ends when the region does not do what was asked: one line (plus any violations)
/// on standard error, and an exit status a script can branch on without parsing text.
enum ExitStatus {
    /// The region answered with a refusal, or an answer that could not be used.
    static let refused = ExitCode(1)
    /// A local file cannot be used: a backup that is damaged, truncated or of another format, a
    /// file that cannot be written, a data folder that is not empty.
    static let unusableFile = ExitCode(2)
    /// No endpoint could be reached; nothing was done.
    static let unreachable = ExitCode(3)
    /// `failover-drill`: the region is not in a state to drill (no leader, fewer than 3 voters).
    static let notDrillable = ExitCode(4)
    /// `failover-drill`: the region did not elect, write or rejoin in time.
    static let timedOut = ExitCode(5)

    /// Writes `ecsctl: <error>` to standard error.
    static func report(_ error: some CommandFailure) {
        FileHandle.standardError.write(Data("ecsctl: \(error)\n".utf8))
    }
}

/// A failure a command reports as one line and ends with its exit status.
protocol CommandFailure: Error, CustomStringConvertible {
    var exitCode: ExitCode { get }
}

extension AdminError: CommandFailure {
    var exitCode: ExitCode {
        switch self {
        case .unreachable: ExitStatus.unreachable
        case .refused, .noAnswer, .unexpectedAnswer: ExitStatus.refused
        }
    }
}

extension BackupDownload.Failure: CommandFailure {
    var exitCode: ExitCode {
        switch self {
        case .region(let error): error.exitCode
        case .file: ExitStatus.unusableFile
        }
    }
}

extension PendingRestore.Refusal: CommandFailure {
    var exitCode: ExitCode { ExitStatus.unusableFile }
}

extension DrillError: CommandFailure {
    var exitCode: ExitCode {
        switch self {
        case .admin(let error): error.exitCode
        case .noLeader, .tooFewVoters, .leaderAddressUnknown: ExitStatus.notDrillable
        case .timedOut: ExitStatus.timedOut
        }
    }
}
