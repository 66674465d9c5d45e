import HTTPTypes

extension Problem {
    /// The answer to a command the state machine refused: one status per reason, the reason as
    /// the problem's code, and every violation.
    init(_ rejection: Rejection) {
        let status: HTTPResponse.Status =
            switch rejection.reason {
            case .invalidCommand, .unsupportedCommand: .badRequest
            case .notFound, .unknownTenant: .notFound
            case .preconditionFailed: .preconditionFailed
            case .approvalRequired, .draftPublished, .tenantSettingFixed, .federationOutOfOrder, .federationWaiting:
                .conflict
            case .selfApproval: .forbidden
            case .validationFailed, .invalidSchema, .idempotencyKeyReused: .unprocessableContent
            case .valueTooLarge: .contentTooLarge
            }
        self.init(
            status: status, code: rejection.reason.rawValue, detail: rejection.detail, violations: rejection.violations)
    }
}
