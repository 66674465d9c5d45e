import Foundation
import Synchronization

/// Tokens this node has already verified, so that a client sending the same bearer token on
/// every request pays for the HMAC and the claims' JSON once rather than per request.
///
/// Safe because what is cached is a pure function of the token's bytes and the node's key (which
/// never changes while the process runs); expiry is still checked against the clock on every use.
/// Bounded: when full it starts over, which costs one verification per live token.
final class VerifiedTokenCache: Sendable {
    struct Entry: Sendable {
        var identity: Identity
        var expiresAt: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func entry(for token: String) -> Entry? {
        entries.withLock { $0[token] }
    }

    func remember(_ entry: Entry, for token: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }
}
