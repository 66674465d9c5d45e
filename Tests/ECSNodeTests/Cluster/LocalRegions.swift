import Foundation

/// Several regions of real `ecs-node` processes, each a `LocalCluster`, that know each other:
/// every node gets `--region-seeds` naming every node of every other region, in node order, and
/// all share one token secret, so a token minted for the test works in every region (as the
/// regions of one deployment share their auth secret).
///
/// Use it through `LocalRegions.run`, which tears every region down however the body ends.
final class LocalRegions: Sendable {
    /// The regions, in the order the test named them.
    let regions: [LocalCluster]

    private init(regions: [LocalCluster]) {
        self.regions = regions
    }

    subscript(region: String) -> LocalCluster {
        guard let cluster = regions.first(where: { $0.region == region }) else { preconditionFailure("no \(region)") }
        return cluster
    }

    /// Starts `names.count` regions of `nodesPerRegion` nodes (ids `eu-n1`, …) with `config`
    /// (YAML after the `editions:` section, as for `LocalCluster.run`) and `--platform-region
    /// platform` when given (else the nodes pick the first name alphabetically), waits until every
    /// node is ready, runs `body`, and always tears every region down. No tenant is created.
    static func run<T>(
        _ names: [String], nodesPerRegion: Int = 1, platform: String? = nil, config: String? = nil,
        requestTimeout: Duration = .seconds(5), _ body: (LocalRegions) async throws -> T
    ) async throws -> T {
        let perRegion = 2 * nodesPerRegion
        let ports = try LoopbackPorts.pick(perRegion * names.count)
        let portsOf = { (index: Int) in Array(ports[(index * perRegion)..<((index + 1) * perRegion)]) }
        var seeds: [String: [String]] = [:]
        for (index, name) in names.enumerated() {
            seeds[name] = stride(from: 0, to: perRegion, by: 2).map { "http://127.0.0.1:\(portsOf(index)[$0])" }
        }
        let secret = LocalCluster.randomSecret()
        var clusters: [LocalCluster] = []
        do {
            for (index, name) in names.enumerated() {
                clusters.append(
                    try await LocalCluster(
                        region: name, size: nodesPerRegion, config: LocalCluster.editionsSection([:]) + (config ?? ""),
                        requestTimeout: requestTimeout, idPrefix: "\(name)-n", ports: portsOf(index), secret: secret,
                        regionSeeds: seeds.filter { $0.key != name }, platformRegion: platform))
            }
            for cluster in clusters { try cluster.startAll() }
            for cluster in clusters { try await cluster.awaitReady() }
            let result = try await body(LocalRegions(regions: clusters))
            for cluster in clusters { await cluster.tearDown() }
            return result
        } catch {
            for cluster in clusters { await cluster.tearDown() }
            throw error
        }
    }
}
