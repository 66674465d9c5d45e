import Testing

extension ClusterTests {
    /// Issue 5: every operation of `openapi.json` against a real 3-node region — its success,
    /// with the body fields and headers the spec promises, and each error status it documents
    /// that a client can cause, each answered as `application/problem+json`. Requests go to the
    /// leader and the followers in turn (followers forward writes). One region for the whole
    /// walk: starting it is the expensive part.
    ///
    /// The cases live in one table per API area (`EndpointCases+…`); `coverage` holds the table
    /// against the document, so a new route or a newly documented error fails it until the walk
    /// has a case for it or `exemptions` says why it cannot.
    @Suite(.timeLimit(.minutes(2)))
    struct EndpointWalkTests {
        /// Every case, in the order the walk runs them; the cluster's last, since they change
        /// its membership and move its leadership.
        static var cases: [EndpointCase] {
            nodeCases + tenantCases + itemCases + platformItemCases + configCases + historyCases + draftCases
                + schemaCases + policyCases + auditCases + federationCases + clusterCases
        }

        /// Two editions with limits small enough to reach in a few requests: `quota` (value and
        /// body sizes, one key per set) and `slow` (one write a second, bursts of two).
        static let editions: KeyValuePairs<String, String> = [
            "quota": "{max-value-bytes: 64, max-request-bytes: 256, max-keys-per-set: 1, writes-per-second: 1000}",
            "slow": "{writes-per-second: 1}",
        ]

        @Test("every operation of openapi.json: its success and each error a client can cause, on a 3-node region")
        func walk() async throws {
            try ClusterTests.requireNodeBinary()
            try await LocalCluster.run(spares: 1, editions: Self.editions) { cluster in
                let walk = try EndpointWalk(cluster: cluster)
                try await walk.createTenant("quota", edition: "quota")
                try await walk.createTenant("slow", edition: "slow")
                for testCase in Self.cases {
                    try Task.checkCancellation()
                    do {
                        try await testCase.run(on: walk)
                    } catch {
                        Issue.record(error, "\(testCase)")
                    }
                }
            }
        }
    }
}
