/// `ecsctl drift` for people: one row per remote region, then one per tenant that is behind.
public enum DriftReport {
    public static func text(_ drift: FederationDrift) -> String {
        guard !drift.remotes.isEmpty else { return "region \(drift.region) has no other regions (no --region-seeds)" }
        let regions = TextTable(
            columns: [
                .init("REGION"), .init("APPLIED", alignment: .right), .init("LAG VERSIONS", alignment: .right),
                .init("LAG SECONDS", alignment: .right), .init("STATE"),
            ],
            rows: drift.remotes.map { remote in
                [
                    remote.region, "\(remote.appliedIndex)", remote.lagVersions.map { "\($0)" } ?? "-",
                    remote.lagSeconds.map { seconds(of: $0) } ?? "-",
                    remote.reachable ? (remote.lagVersions == 0 ? "caught up" : "behind") : "unreachable",
                ]
            })
        var text = "drift of region \(drift.region)'s copies\n\n" + regions.text
        let behind = drift.remotes.flatMap { remote in
            (remote.tenants ?? []).filter { $0.localVersion < $0.homeVersion }.map { (remote.region, $0) }
        }
        if !behind.isEmpty {
            let tenants = TextTable(
                columns: [
                    .init("TENANT"), .init("HOME"), .init("HOME VERSION", alignment: .right),
                    .init("LOCAL VERSION", alignment: .right),
                ],
                rows: behind.map { region, tenant in
                    [tenant.tenant, region, "\(tenant.homeVersion)", "\(tenant.localVersion)"]
                })
            text += "\n\n" + tenants.text
        }
        let unreachable = drift.remotes.filter { !$0.reachable }
        for remote in unreachable {
            text += "\n\n\(remote.region): \(remote.error ?? "did not answer")"
        }
        return text
    }

    private static func seconds(of value: Double) -> String {
        let milliseconds = Int((value * 1000).rounded())
        return "\(milliseconds / 1000).\(String(format: "%03d", milliseconds % 1000))"
    }
}
