import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Reads the errors of an HTTP client (AsyncHTTPClient on SwiftNIO) for the question a node
/// forwarding to its leader and `ecsctl` both ask: did the request certainly not reach the
/// server? Only then may a write be sent again elsewhere.
public enum ConnectionFailure {
    /// Whether `error` says the connection was never made, so nothing was sent.
    public static func neverConnected(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError { return error == .connectTimeout }
        if case ChannelError.connectTimeout = error { return true }
        if let error = error as? IOError { return [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) }
        return error is NIOConnectionError
    }

    /// `error` in a few words for an operator ("Connection refused", "connect timed out"),
    /// rather than the client's full description of its connection attempts.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if let error = error as? NIOConnectionError {
            if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                return "cannot resolve \(error.host): \(dnsError)"
            }
            return error.connectionErrors.last.map { reason($0.error) } ?? "cannot connect"
        }
        if case ChannelError.connectTimeout = error { return "connect timed out" }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connect timed out"
            case .deadlineExceeded, .readTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the connection was closed before the answer"
            default: break
            }
        }
        return "\(error)"
    }
}
