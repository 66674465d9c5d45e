import NIOSSL

/// Plain words for a failed TLS handshake, from the BoringSSL reason codes in the error (the
/// raw error is a stack of library codes an operator cannot act on).
enum TLSFailure {
    /// Known reason codes, most specific first, and what they mean for this node.
    private static let reasons: [(code: String, reason: String)] = [
        ("PEER_DID_NOT_RETURN_A_CERTIFICATE", "the peer presented no certificate"),
        (
            "CERTIFICATE_VERIFY_FAILED",
            "the peer's certificate does not verify against the CA (expired, not yet valid, or issued by another CA)"
        ),
        ("ALERT_UNKNOWN_CA", "the peer refused this node's certificate: issued by a CA it does not trust"),
        ("ALERT_CERTIFICATE_EXPIRED", "the peer refused this node's certificate: expired"),
        ("ALERT_BAD_CERTIFICATE", "the peer refused this node's certificate"),
        ("ALERT_CERTIFICATE_REQUIRED", "the peer requires a certificate this node did not present"),
        ("ALERT_HANDSHAKE_FAILURE", "the peer refused the handshake (no certificate presented, or no common cipher)"),
        ("WRONG_VERSION_NUMBER", "the other end does not speak TLS (a node without TLS settings?)"),
        ("HTTP_REQUEST", "the other end sent plain HTTP"),
    ]

    /// The reason of a handshake error, or nil when `error` is no TLS error.
    static func reason(of error: any Error) -> String? {
        switch error {
        case NIOSSLError.handshakeFailed(let failure):
            let text = "\(failure)"
            return reasons.first { text.contains($0.code) }?.reason ?? "TLS handshake failed: \(text)"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "the peer's certificate does not name the address connected to"
        case NIOSSLError.uncleanShutdown:
            return "the connection closed during the TLS handshake"
        case let error as NIOSSLError:
            return "TLS failed: \(error)"
        default:
            return nil
        }
    }
}
