/// The limits of every edition a node knows, and those of any other edition name.
///
/// Built in: `free`, `standard`, `pro` and `enterprise` (see `builtIn`); an edition not listed
/// gets `fallback` (`default` in the config file, `standard`'s limits unless overridden). The
/// `editions:` section of the config file overrides them setting by setting
/// (`overridden(by:)`).
struct EditionCatalog: Equatable, Sendable {
    var editions: [String: EditionLimits]
    var fallback: EditionLimits

    /// Changes from the config file: edition name (or `default`) → setting → value.
    typealias Overrides = [String: [EditionLimits.Setting: Int]]

    /// The name under which the config file sets `fallback`.
    static let fallbackName = "default"

    static let builtIn: EditionCatalog = {
        let standard = EditionLimits(
            maxValueBytes: 32 << 10, maxKeysPerSet: 1_000, maxRequestBytes: 64 << 10, writesPerSecond: 25,
            maxWatches: 100)
        return EditionCatalog(
            editions: [
                "free": EditionLimits(
                    maxValueBytes: 4 << 10, maxKeysPerSet: 100, maxRequestBytes: 16 << 10, writesPerSecond: 5,
                    maxWatches: 10),
                "standard": standard,
                "pro": EditionLimits(
                    maxValueBytes: 128 << 10, maxKeysPerSet: 5_000, maxRequestBytes: 256 << 10, writesPerSecond: 100,
                    maxWatches: 1_000),
                "enterprise": EditionLimits(
                    maxValueBytes: 512 << 10, maxKeysPerSet: 20_000, maxRequestBytes: 1 << 20, writesPerSecond: 500,
                    maxWatches: 10_000),
            ],
            fallback: standard)
    }()

    /// The limits of `edition`.
    func limits(for edition: String) -> EditionLimits {
        editions[edition] ?? fallback
    }

    /// This catalog with `overrides` (edition name → setting → value) applied: `default`
    /// changes `fallback` first, then a listed edition changes its own limits, starting from
    /// `fallback` when it is not built in.
    func overridden(by overrides: Overrides) -> EditionCatalog {
        var catalog = self
        for (setting, value) in overrides[Self.fallbackName] ?? [:] { catalog.fallback[setting] = value }
        for (edition, settings) in overrides where edition != Self.fallbackName {
            var limits = catalog.limits(for: edition)
            for (setting, value) in settings { limits[setting] = value }
            catalog.editions[edition] = limits
        }
        return catalog
    }
}
