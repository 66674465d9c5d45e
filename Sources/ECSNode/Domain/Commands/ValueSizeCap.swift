/// The largest value any node stores: 1 MiB of canonical JSON, checked when a put is applied.
///
/// The per-edition value limits (`EditionLimits.maxValueBytes`) are node configuration, checked
/// by the leader before it proposes (413); they may differ between nodes during a configuration
/// rollout, so `apply` cannot use them without nodes disagreeing about an entry. This cap is a
/// constant of the build instead, the same on every node, and catches what the edition check
/// cannot: a body within the request limit whose canonical form is larger (`1e20` is written
/// out as 21 digits), or a proposer that skipped the check. Edition limits never exceed it.
enum ValueSizeCap {
    static let maximumBytes = 1 << 20

    /// Why `value` must not be stored, or `nil` when it may.
    static func refusal(for value: JSONValue) -> Rejection? {
        let size = value.canonicalBytes.count
        guard size > maximumBytes else { return nil }
        return Rejection(
            reason: .valueTooLarge,
            detail: "the value is \(size) bytes of canonical JSON; no value may exceed \(maximumBytes) bytes")
    }
}
