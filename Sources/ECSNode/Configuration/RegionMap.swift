/// The regions a node knows: its own, the others' HTTP endpoints (`--region-seeds`), and the
/// platform region.
///
/// The platform region owns what every region must agree on — the tenant directory (each
/// tenant's edition, home region and residency) and the `platform` namespace (the `global` and
/// `edition:*` layers) — and federates it to the others like a `replicated` tenant. One owner
/// means one order of changes and no conflicts to resolve; the price is that creating or
/// changing tenants and writing platform layers needs the platform region to be up, while
/// everything else keeps working with any region down.
struct RegionMap: Sendable, Equatable {
    /// This node's region.
    var local: String
    /// The HTTP endpoints of every other region, by region name.
    var seeds: [String: [String]]
    /// The region that owns the tenant directory and the platform namespace.
    var platform: String

    /// The regions known to this node, with `platform` chosen when the operator did not name
    /// one: the first name in alphabetical order, which every node of every region computes
    /// alike as long as they are told about the same regions.
    init(local: String, seeds: [String: [String]], platform: String? = nil) {
        self.local = local
        self.seeds = seeds
        self.platform = platform ?? ([local] + seeds.keys).min()!
    }

    /// A single region with no others: it owns everything.
    static func alone(_ region: String) -> RegionMap {
        RegionMap(local: region, seeds: [:])
    }

    /// Every region's name, this one's included, sorted.
    var names: [String] { ([local] + seeds.keys).sorted() }

    /// Other regions, sorted by name.
    var remotes: [String] { seeds.keys.sorted() }

    /// Whether this node's region owns the tenant directory and the platform namespace.
    var ownsPlatform: Bool { platform == local }

    /// Checks the names, that no seed names this node's own region or has no endpoint, and that
    /// the platform region is one of the known regions.
    func validate() throws(ConfigurationError) {
        for (region, urls) in seeds.sorted(by: { $0.key < $1.key }) {
            guard NodeConfiguration.isValidName(region) else {
                throw .invalid("--region-seeds", "region name '\(region)' must match [a-z0-9][a-z0-9-]{0,62}")
            }
            guard region != local else {
                throw .invalid("--region-seeds", "names this node's own region \(region); list only other regions")
            }
            guard !urls.isEmpty else { throw .invalid("--region-seeds", "gives region \(region) no endpoint") }
        }
        guard names.contains(platform) else {
            throw .invalid(
                "--platform-region",
                "\(platform) is neither this region nor one of --region-seeds (\(names.joined(separator: ", ")))")
        }
    }
}
