import Admin
import Foundation

/// Client tokens as the nodes expect them, minted with `ecsctl token`'s minter from the bytes of
/// the cluster's secret file.
enum AdminToken {
    /// A platform admin token (`tenant: "*"`, every scope), valid for an hour: enough for any
    /// cluster test and every endpoint they touch.
    static func mint(secret: String) async throws -> String {
        try await mint(secret: secret, tenant: "*", permissions: Permission.allCases)
    }

    /// A token of `subject` (the actor audit records and draft approvals name) for `tenant` with
    /// `permissions`, valid for an hour.
    static func mint(
        secret: String, tenant: String, permissions: [Permission], subject: String = "cluster-tests"
    ) async throws -> String {
        try await TokenMinter(secret: Array(secret.utf8)).mint(
            subject: subject, tenant: tenant, permissions: permissions, expiry: Date().addingTimeInterval(3600))
    }
}
