import Synchronization

/// The identity the route of the current request authenticated, for the middleware around the
/// route: the access audit records who read or was refused, and verifying the token a second time
/// after the route (a header parse and a cache lookup of the whole token) was a cost on every
/// read.
///
/// `AccessAuditMiddleware` opens an empty slot for each request as a task-local value and
/// `TokenVerifier.authenticate` fills it when a token checks out. The route runs in the
/// middleware's task, so it sees that request's slot and no other; a request refused before its
/// route authenticated it (by a middleware further in) leaves the slot empty.
final class AuthenticatedIdentity: Sendable {
    /// The current request's slot; `nil` outside `AccessAuditMiddleware` (tests that call
    /// routes directly), where authenticating records nothing.
    @TaskLocal static var slot: AuthenticatedIdentity?

    private let identity = Mutex<Identity?>(nil)

    /// What the route authenticated, if it did.
    var value: Identity? { identity.withLock { $0 } }

    /// Records `identity` in the current request's slot, if there is one.
    static func record(_ identity: Identity) {
        slot?.identity.withLock { $0 = identity }
    }
}
