import Admin
import ArgumentParser
import Foundation

/// `ecsctl token`: mints a client token signed with the region's auth secret, for scripts and
/// people (the run command prints one made this way).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a client token (an HS256 JWT) that the region's nodes accept.",
        discussion: """
            The secret is the file the nodes get as --auth-secret-file: --secret-file, else \
            $ECS_SECRET_FILE, else $ECS_HOME/secret, else .ecs/secret (what cluster/up writes).
            """)

    @Option(help: "The nodes' --auth-secret-file.")
    var secretFile: String?

    @Option(help: "The tenant the token is for; * is the platform (every tenant).")
    var tenant = "*"

    @Option(help: "Permissions, space or comma separated: read, write, approve, admin (or ecs:read …).")
    var scope = "read write approve admin"

    @Option(help: "The actor the token names (the `sub` claim, recorded as author and in audit).")
    var subject = "ecsctl"

    @Option(help: "How long the token is valid: a number with s, m, h or d (e.g. 90m, 12h, 30d).")
    var ttl = "24h"

    func validate() throws {
        guard tenant == TokenClaims.everyTenant || Names.isValidName(tenant) else {
            throw ValidationError("--tenant must be * or a tenant name (^[a-z0-9][a-z0-9-]{0,62}$), not '\(tenant)'")
        }
        _ = try permissions()
        _ = try lifetime()
        guard !subject.isEmpty, subject.count <= 256 else {
            throw ValidationError("--subject must be 1 to 256 characters")
        }
    }

    func run() async throws {
        let path = secretFile ?? ConnectionDiscovery(environment: ProcessInfo.processInfo.environment).secretFile
        let secret: [UInt8]
        do {
            secret = try AuthSecret.read(from: path)
        } catch {
            throw ValidationError("\(error) (give it with --secret-file or $ECS_SECRET_FILE)")
        }
        let token = try await TokenMinter(secret: secret).mint(
            subject: subject, tenant: tenant, permissions: try permissions(),
            expiry: Date().addingTimeInterval(try lifetime()))
        print(token)
    }

    /// `--scope` as permissions, in the order given, each once.
    private func permissions() throws -> [Permission] {
        var permissions: [Permission] = []
        for word in scope.split(whereSeparator: { $0 == " " || $0 == "," }) {
            let name = word.hasPrefix("ecs:") ? String(word) : "ecs:\(word)"
            guard let permission = Permission(rawValue: name) else {
                throw ValidationError(
                    "--scope: '\(word)' is not a permission; use "
                        + Permission.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !permissions.contains(permission) { permissions.append(permission) }
        }
        guard !permissions.isEmpty else { throw ValidationError("--scope names no permission") }
        return permissions
    }

    /// `--ttl` in seconds.
    private func lifetime() throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = ttl.last.flatMap({ units[$0] }), let count = Int(ttl.dropLast()), count > 0,
            count <= 3650 * 86_400 / Int(unit)
        else {
            throw ValidationError("--ttl must be a positive number with s, m, h or d (up to 10 years), not '\(ttl)'")
        }
        return TimeInterval(count) * unit
    }
}
