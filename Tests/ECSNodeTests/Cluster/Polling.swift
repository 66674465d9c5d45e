/// Waiting for a condition by asking again until a deadline: the cluster tests synchronize
/// with real processes only through what those processes report (`/readyz`, cluster status,
/// reads), never through fixed sleeps.
struct TimedOut: Error, CustomStringConvertible {
    let description: String
}

/// Calls `probe` every `interval` until it returns a value, and returns that value; throws
/// `TimedOut` naming `what` after `timeout`. An error the probe throws ends the wait at once:
/// probes answer nil for "not yet" and throw only when waiting longer cannot help.
func poll<T>(
    _ what: @autoclosure () -> String, timeout: Duration, interval: Duration = .milliseconds(50),
    _ probe: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else {
            throw TimedOut(description: "timed out after \(timeout) waiting for \(what())")
        }
        try await Task.sleep(for: interval)
    }
}
