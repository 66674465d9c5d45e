import HTTPTypes

/// The answers to a write over its tenant's edition limits (`EditionLimits`), each naming the
/// limit and the edition so that the client knows what to change.
extension Problem {
    /// 413: the request body is larger than the edition allows.
    static func requestTooLarge(bytes: Int, tenant: String, edition: String, limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, code: "content-too-large",
            detail:
                "the request body is \(bytes) bytes; edition '\(edition)' of tenant '\(tenant)' allows "
                + "\(limit) bytes (max-request-bytes)")
    }

    /// 413: the value's canonical JSON is larger than the edition allows.
    static func valueTooLarge(bytes: Int, tenant: String, edition: String, limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, code: Rejection.Reason.valueTooLarge.rawValue,
            detail:
                "the value is \(bytes) bytes of canonical JSON; edition '\(edition)' of tenant '\(tenant)' allows "
                + "\(limit) bytes per value (max-value-bytes)")
    }

    /// 429: the set holds as many distinct keys as the edition allows. A quota does not refill
    /// with time; `Retry-After` is there because every 429 of the API carries one, and asks an
    /// automated client to wait a minute rather than hammer.
    static func keyQuotaExceeded(set: String, tenant: String, edition: String, limit: Int) -> Problem {
        Problem(
            status: .tooManyRequests, code: "key-quota-exceeded",
            detail:
                "set '\(set)' already holds \(limit) distinct keys, the most edition '\(edition)' of tenant "
                + "'\(tenant)' allows (max-keys-per-set); delete keys or move the tenant to a larger edition",
            headers: [.retryAfter: "60"])
    }

    /// 429: the tenant already holds as many watch streams on this node as the edition allows.
    static func tooManyWatches(tenant: String, edition: String, limit: Int) -> Problem {
        Problem(
            status: .tooManyRequests, code: "too-many-watches",
            detail:
                "tenant '\(tenant)' already holds \(limit) open watch streams on this node, the most edition "
                + "'\(edition)' allows (max-watches); close one, or watch through another node",
            headers: [.retryAfter: "30"])
    }

    /// 429: the tenant writes faster than the edition allows; retry after `seconds`.
    static func rateLimited(tenant: String, edition: String, perSecond: Int, retryAfter seconds: Int) -> Problem {
        Problem(
            status: .tooManyRequests, code: "rate-limited",
            detail:
                "tenant '\(tenant)' is writing faster than edition '\(edition)' allows (\(perSecond) writes per "
                + "second, bursts of \(2 * perSecond), writes-per-second); retry after \(seconds) s",
            headers: [.retryAfter: String(seconds)])
    }
}
