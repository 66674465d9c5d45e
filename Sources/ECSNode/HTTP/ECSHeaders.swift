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
    /// Set on an answer relayed from another server (a follower's from its leader, a region's from
    /// another region's node: its base URL), so that this node's access audit leaves the request
    /// to the one that answered it.
    static let ecsRelayedFrom = HTTPField.Name("X-ECS-Relayed-From")!
    /// The regions a request has passed through (`eu,us`), appended by each region that forwards
    /// it to another (`RegionForwarder`): a region never forwards to one already listed, so
    /// regions whose directory copies disagree for a moment cannot make a request circle.
    static let ecsForwardedRegion = HTTPField.Name("X-ECS-Forwarded-Region")!
    /// Set on every answer a node gives for a request another region serves (relayed from it,
    /// redirected to it, or refused on its behalf): names that region, and keeps the answer out
    /// of this region's access audit, since a strict tenant's audit lives only in its home.
    static let ecsRoutedTo = HTTPField.Name("X-ECS-Routed-To")!
    /// Carried on item writes: a retry with the same key and request gets the first answer
    /// again (`IdempotencyLedger`); forwarded to the leader like the rest of the request.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `true` on an answer that repeats the first answer to an `Idempotency-Key` (Stripe's name).
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// W3C trace context, forwarded so a forwarded write stays in its trace.
    static let traceparent = HTTPField.Name("traceparent")!
    static let tracestate = HTTPField.Name("tracestate")!
}
