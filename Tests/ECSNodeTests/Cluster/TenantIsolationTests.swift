import Admin
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

@testable import ECSNode

extension ClusterTests {
    /// The tenant-isolation matrix of issue 5, on real processes: every guarded operation of the
    /// OpenAPI document (so a new route joins the matrix by being documented) × (no token,
    /// another tenant's token with every permission, the tenant's own token without the needed
    /// permission) → 401 / 403, and nothing of the tenant in any of those answers.
    @Suite(.timeLimit(.minutes(2)))
    struct TenantIsolationTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        /// A documented operation: method, path template and the permission it needs.
        struct Operation: CustomStringConvertible {
            var method: String
            var path: String
            var permission: String

            var description: String { "\(method) \(path)" }

            /// The URL on `base` with every path parameter filled in for tenant `acme`.
            func url(_ base: String) -> String {
                let filled = path.replacingOccurrences(of: "{tenant}", with: "acme")
                    .replacingOccurrences(of: "{set}", with: "payments").replacingOccurrences(of: "{key}", with: "k")
                    .replacingOccurrences(of: "{version}", with: "1").replacingOccurrences(of: "{id}", with: "n1")
                return "\(base)\(filled)?scope=tenant&env=prod&from=1&to=1"
            }
        }

        /// Every operation of `openapi.json` that needs a token.
        static func guardedOperations() throws -> [Operation] {
            guard case .object(let paths)? = try JSONValue.parse(PackageResources.openapi_json)["paths"] else {
                throw UnexpectedDocument()
            }
            var operations: [Operation] = []
            for (path, item) in paths {
                for method in ["get", "put", "post", "delete"] {
                    guard case .string(let permission)? = item[method]?["x-ecs-permission"] else { continue }
                    operations.append(Operation(method: method.uppercased(), path: path, permission: permission))
                }
            }
            return operations.sorted { $0.description < $1.description }
        }

        struct UnexpectedDocument: Error {}

        @Test(
            "every guarded operation × (no token, another tenant's token, a missing permission) is 401 / 403, leaking nothing"
        )
        func matrix() async throws {
            let operations = try Self.guardedOperations()
            #expect(operations.count >= 20)
            try await LocalCluster.run(tenants: ["acme", "globex"]) { cluster in
                let leader = try await cluster.awaitLeader()
                let marker = "acme-private-\(UUID().uuidString)"
                let written = try await cluster.http.send(
                    .PUT, "\(leader.baseURL)/v1/tenants/acme/sets/payments/items/k?scope=tenant",
                    json: Data("\"\(marker)\"".utf8))
                #expect(written.status == 201, "\(written)")
                let etag = try #require(written.header("ETag")?.trimmingCharacters(in: ["\""]))

                let secret = try String(contentsOf: cluster.secretFile, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let otherTenant = try await AdminToken.mint(
                    secret: secret, tenant: "globex", permissions: Permission.allCases)
                var checked = 0
                for (position, operation) in operations.enumerated() {
                    // Followers and the leader take turns: refusals must not depend on the node.
                    let base = cluster.voters[position % cluster.voters.count].baseURL
                    var attempts: [(ClusterHTTP.Credentials, Int, String)] = [(.none, 401, "no token")]
                    if operation.path.contains("{tenant}") {
                        attempts.append((.bearer(otherTenant), 403, "globex's token"))
                        if let needed = Permission(rawValue: operation.permission) {
                            let without = try await AdminToken.mint(
                                secret: secret, tenant: "acme", permissions: Permission.allCases.filter { $0 != needed }
                            )
                            attempts.append((.bearer(without), 403, "acme's token without \(needed.rawValue)"))
                        }
                    } else {
                        let tenantAdmin = try await AdminToken.mint(
                            secret: secret, tenant: "acme", permissions: Permission.allCases)
                        attempts.append((.bearer(tenantAdmin), 403, "acme's token on a platform operation"))
                    }
                    for (credentials, expected, who) in attempts {
                        let body = ["PUT", "POST"].contains(operation.method) ? Data("{}".utf8) : nil
                        let reply = try await cluster.http.send(
                            HTTPMethod(rawValue: operation.method), operation.url(base), json: body, as: credentials)
                        #expect(reply.status == expected, "\(operation) with \(who): \(reply)")
                        #expect(!reply.text.contains(marker) && !reply.text.contains(etag), "\(operation) with \(who)")
                        #expect(reply.header("ETag") == nil, "\(operation) with \(who)")
                        checked += 1
                    }
                }
                #expect(checked >= 3 * 15)
                // Nothing above changed the tenant: its value and version are as written.
                let config = try await cluster.http.readConfig(leader.baseURL, tenant: "acme")
                #expect(config.text.contains(marker))
            }
        }
    }
}
