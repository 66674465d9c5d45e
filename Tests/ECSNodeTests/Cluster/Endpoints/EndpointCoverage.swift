import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// A documented answer the walk does not produce, and why: for one operation, or for every
    /// operation that documents `status` when `operation` is nil.
    struct Exemption {
        var operation: String?
        var status: Int
        var reason: String
    }

    static let exemptions: [Exemption] = [
        Exemption(
            status: 401,
            reason: "no token: TenantIsolationTests sends every guarded operation of openapi.json without one"),
        Exemption(
            status: 403,
            reason:
                "another tenant's token or a missing permission: TenantIsolationTests, for every guarded operation"),
        Exemption(
            status: 503,
            reason:
                "no leader or no quorum needs a broken region, and the walk keeps its region whole: "
                + "ClusterBasicsTests' restart tests and ChaosTests meet it on real processes, ItemRoutesTests, "
                + "ForwardingTests and ClusterRoutesTests answer it in-process (the walk covers the 503s a "
                + "client causes: GET /readyz on a node not yet added, minIndex not reached); an unreachable "
                + "region or a request back from one it passed through: RegionForwardingTests, "
                + "RegionForwardingClusterTests"),
        Exemption(
            status: 504,
            reason:
                "an unknown outcome needs leadership lost between proposing and committing, which no request "
                + "causes: ItemRoutesTests and ClusterRoutesTests answer it from a scripted consensus, ChaosTests "
                + "meet it on real processes; a region that took a forwarded write and did not answer: "
                + "RegionForwardingTests"),
        Exemption(
            operation: "GET /v1/federation/outbox", status: 409,
            reason:
                "federation-resync needs the outbox pruned, 100,000 log indexes of shared commands: "
                + "FederationOutboxTests prunes a small outbox in-process"),
        Exemption(
            operation: "DELETE /v1/cluster/members/{id}", status: 409,
            reason:
                "the only membership a removal does not fit is a region's last voter, and the walk's region keeps "
                + "three: ClusterRoutesTests covers it in-process"),
    ]

    /// Every documented operation (`METHOD /path`) with the statuses it documents.
    static func documented() throws -> [String: Set<Int>] {
        guard case .object(let paths)? = try JSONValue.parse(PackageResources.openapi_json)["paths"] else {
            throw TestFailure("openapi.json has no paths")
        }
        var operations: [String: Set<Int>] = [:]
        for (path, item) in paths {
            for method in OpenAPITests.httpMethods {
                guard case .object(let responses)? = item[method]?["responses"] else { continue }
                operations["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap { Int($0) })
            }
        }
        return operations
    }

    @Test("every documented operation has a success case, every documented error a case or a reasoned exemption")
    func coverage() throws {
        let documented = try Self.documented()
        let cases = Self.cases
        for testCase in cases {
            #expect(
                documented[testCase.operation]?.contains(testCase.status) == true,
                "\(testCase): not a status openapi.json documents for this operation")
        }
        for exemption in Self.exemptions {
            if let operation = exemption.operation {
                #expect(documented[operation]?.contains(exemption.status) == true, "stale exemption \(exemption)")
            }
            #expect(exemption.reason.count > 40, "say why \(exemption) cannot be walked")
        }
        for (operation, statuses) in documented.sorted(by: { $0.key < $1.key }) {
            let walked = Set(cases.filter { $0.operation == operation }.map(\.status))
            #expect(walked.contains { $0 < 400 }, "\(operation) has no success case in the walk")
            for status in statuses.sorted() where status >= 400 && !walked.contains(status) {
                let exempt = Self.exemptions.contains {
                    $0.status == status && ($0.operation == nil || $0.operation == operation)
                }
                #expect(
                    exempt, "\(operation) documents \(status): add a case to the walk, or an exemption saying why not")
            }
        }
    }
}
