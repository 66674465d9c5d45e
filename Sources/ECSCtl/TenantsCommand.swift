import Admin
import ArgumentParser

/// `ecsctl tenants`: the region's tenant directory (platform admin).
struct TenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants",
        abstract: "List, show and create tenants.",
        subcommands: [List.self, Show.self, Create.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every tenant of the region.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                output.show(try await client.listTenants(), TenantReport.text)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one tenant's settings.")

        @Argument(help: "The tenant.")
        var tenant: String

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try NameArgument.check(tenant, as: "the tenant")
        }

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                output.show(try await client.tenant(tenant), TenantReport.text)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a tenant, or replace an existing tenant's settings.",
            discussion: "Settings left out take the node's defaults (its region; strict), also for an existing tenant.")

        @Argument(help: "The tenant.")
        var tenant: String

        @Option(help: "Its edition (which limits apply), e.g. pro.")
        var edition: String

        @Option(help: "The region its data lives in (default: the answering node's region).")
        var homeRegion: String?

        @Option(help: "strict: its data stays in its home region; replicated: other regions keep read replicas.")
        var residency: Tenant.Residency?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try NameArgument.check(tenant, as: "the tenant")
            try NameArgument.check(edition, as: "--edition")
            try NameArgument.check(homeRegion, as: "--home-region")
        }

        func run() async throws {
            try await connection.withClient { client throws(AdminError) in
                let reply = try await client.putTenant(
                    tenant, edition: edition, homeRegion: homeRegion, residency: residency)
                output.show(reply) { change in
                    let settings = change.tenant
                    return "\(change.created ? "created" : "updated") tenant \(settings.name) (edition "
                        + "\(settings.edition), home \(settings.homeRegion), \(settings.residency.rawValue)) "
                        + "at index \(change.index)"
                }
            }
        }
    }
}

extension Tenant.Residency: ExpressibleByArgument {}
