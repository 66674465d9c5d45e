import Admin
import ArgumentParser
import Foundation

/// Where the region is and which token to send: the options every command that talks to the
/// region shares, resolved through `ConnectionDiscovery` when not given.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("endpoint"),
        help: "A node's HTTP address (http://host:port); repeat it or separate with commas to try several in order.")
    var endpoints: [String] = []

    @Option(help: "A platform admin token (tenant *, ecs:admin).")
    var token: String?

    /// Runs `operation` with a client for the region. A failure of the region's becomes one line
    /// on standard error and `ecsctl`'s exit status (see `ExitStatus`); a missing endpoint or
    /// token is a usage error.
    func withClient(_ operation: (AdminClient) async throws(AdminError) -> Void) async throws {
        try await withRegion { client in
            do throws(AdminError) {
                try await operation(client)
            } catch {
                ExitStatus.report(error)
                throw ExitStatus.code(for: error)
            }
        }
    }

    /// Runs `body` with a client for the region, leaving the reporting of its failures to the
    /// command (`failover-drill` has failures of its own); a missing endpoint or token is a usage
    /// error.
    func withRegion(_ body: (AdminClient) async throws -> Void) async throws {
        let discovery = ConnectionDiscovery(environment: ProcessInfo.processInfo.environment)
        let endpoints: [Endpoint]
        let token: String
        do {
            endpoints = try discovery.endpoints(given: self.endpoints)
            token = try await discovery.token(given: self.token)
        } catch {
            throw ValidationError(error.description)
        }
        try await HTTPAdminTransport.withTransport { transport in
            try await body(AdminClient(endpoints: endpoints, token: token, transport: transport))
        }
    }
}
