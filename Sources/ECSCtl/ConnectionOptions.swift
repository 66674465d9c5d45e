import Admin
import ArgumentParser
import Foundation

/// Where the region is and which token to send: the options every command that talks to the
/// region shares, resolved through `ConnectionDiscovery` when not given.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("endpoint"),
        help:
            "A node's HTTP address (http://host:port or https://host:port); repeat it or separate with commas to try several in order."
    )
    var endpoints: [String] = []

    @Option(name: .customLong("cacert"), help: "The CA certificate (PEM) that https nodes' certificates chain to.")
    var caCertificate: String?

    @Option(help: "A platform admin token (tenant *, ecs:admin).")
    var token: String?

    /// Runs `operation` with a client for the region. A failure of the region's becomes one line
    /// on standard error and `ecsctl`'s exit status (see `ExitStatus`); a missing endpoint or
    /// token is a usage error.
    func withClient<Failure: CommandFailure>(_ operation: (AdminClient) async throws(Failure) -> Void) async throws {
        let discovery = ConnectionDiscovery(environment: ProcessInfo.processInfo.environment)
        let endpoints: [Endpoint]
        let token: String
        let authority: CertificateAuthority?
        do {
            authority = try caCertificate.map { path throws(CertificateAuthority.Unusable) in
                try CertificateAuthority(pemFile: path)
            }
        } catch {
            throw ValidationError("--cacert: \(error)")
        }
        do {
            endpoints = try discovery.endpoints(given: self.endpoints)
            token = try await discovery.token(given: self.token)
        } catch {
            throw ValidationError(error.description)
        }
        try await HTTPAdminTransport.withTransport(certificateAuthority: authority) { transport in
            let client = AdminClient(endpoints: endpoints, token: token, transport: transport)
            do throws(Failure) {
                try await operation(client)
            } catch {
                ExitStatus.report(error)
                throw error.exitCode
            }
        }
    }
}
