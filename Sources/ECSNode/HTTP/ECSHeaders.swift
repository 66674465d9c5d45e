import HTTPTypes

/// The API's own header names.
extension HTTPField.Name {
    /// The applied index a config read was served at.
    static let ecsIndex = HTTPField.Name("X-ECS-Index")!
    /// The node that served the request.
    static let ecsNode = HTTPField.Name("X-ECS-Node")!
    /// The region of the node that served the request.
    static let ecsRegion = HTTPField.Name("X-ECS-Region")!
    /// Set by a follower on a request it forwards to the leader (its node id), so that a
    /// forwarded request is never forwarded again.
    static let ecsForwardedBy = HTTPField.Name("X-ECS-Forwarded-By")!
    /// Set by a follower on an answer it relays from the leader (the leader's address), so that
    /// the follower's access audit leaves the request to the leader's, which answered it.
    static let ecsRelayedFrom = HTTPField.Name("X-ECS-Relayed-From")!
    /// Carried on item writes: a retry with the same key and request gets the first answer
    /// again (`IdempotencyLedger`); forwarded to the leader like the rest of the request.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `true` on an answer that repeats the first answer to an `Idempotency-Key` (Stripe's name).
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// W3C trace context, forwarded so a forwarded write stays in its trace.
    static let traceparent = HTTPField.Name("traceparent")!
    static let tracestate = HTTPField.Name("tracestate")!
}
