/// Where the search got furthest before every continuation failed: the smallest stuck window.
/// Every order of the operations gets stuck at or before some such point, so the furthest one is
/// where an engineer should look first.
struct StuckPoint {
    /// The operations linearized (partition indices), in the order they took effect.
    var linearized: [Int]
    /// The state they left, as a `StateTable` id.
    var state: Int
    /// The operation whose completion the search could not pass: it had to take effect by then.
    var blocking: Int
    /// The operations that could take effect at that point (partition indices), none of which led
    /// to a linearization.
    var candidates: [Int]

    /// Whether a point `depth` operations deep with `windowSize` candidates is further than this
    /// one: deeper wins, and among equally deep points the one with fewer candidates.
    func isPassed(byDepth depth: Int, windowSize: Int) -> Bool {
        (depth, candidates.count) > (linearized.count, windowSize)
    }
}
