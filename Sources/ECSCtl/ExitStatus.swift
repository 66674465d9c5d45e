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

    static func code(for error: AdminError) -> ExitCode {
        switch error {
        case .unreachable: unreachable
        case .refused, .noAnswer, .unexpectedAnswer: refused
        }
    }

    /// Writes `ecsctl: <error>` to standard error.
    static func report(_ error: AdminError) {
        FileHandle.standardError.write(Data("ecsctl: \(error)\n".utf8))
    }
}
