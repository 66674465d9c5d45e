import Foundation
import Synchronization

/// How a child process ended.
enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signalled(let signal): "signal \(signal)"
        }
    }
}

/// One running `ecs-node` process: signals it and observes its end. Its standard output and
/// error go to files, so the log survives the process for failure messages.
final class NodeProcess: Sendable {
    let pid: Int32
    /// Kept so the child's reaper outlives this call; only its pid and termination are used.
    private let process: Process
    private let record: TerminationRecord

    /// Starts the executable; returns once the child exists (not once it is ready).
    init(executable: URL, arguments: [String], output: FileHandle, errors: FileHandle) throws {
        let record = TerminationRecord()
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        process.terminationHandler = { process in
            let ended: Termination =
                process.terminationReason == .uncaughtSignal
                ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
            record.ended.withLock { $0 = ended }
        }
        try process.run()
        pid = process.processIdentifier
        self.process = process
        self.record = record
    }

    /// The way it ended, or nil while it runs.
    var ended: Termination? { record.ended.withLock { $0 } }

    /// Sends `signal` unless the process has already been reaped (its pid may then be reused).
    func send(_ signal: Int32) {
        guard ended == nil else { return }
        kill(pid, signal)
    }

    /// Waits for the process to end, polling the termination the reaper recorded.
    /// Returns nil if it still runs after `timeout`.
    func waitForExit(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let ended { return ended }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return ended
    }
}

/// Shared by the process and the handler Foundation calls when it reaps the child.
private final class TerminationRecord: Sendable {
    let ended = Mutex<Termination?>(nil)
}
