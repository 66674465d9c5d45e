/// The set of operations linearized so far, one bit per operation of a partition, with a
/// fingerprint that stands for the whole set in the memo.
///
/// Porcupine memoizes a copy of the bitset per configuration, which on a partition of thousands
/// of operations costs hundreds of bytes per entry and a hash over all words per insertion. Here
/// the set keeps a 128-bit Zobrist fingerprint instead (the XOR of a fixed pseudo-random pair of
/// words per member), updated in O(1) on each change, and the memo stores only that — as TLC
/// stores state fingerprints. Treating the scrambled words as random, as Zobrist hashing does, two
/// different sets share a fingerprint with probability 2^-128, so even among 10^9 configurations
/// a collision has probability below 10^-20. A collision could
/// only hide a linearization (a false alarm), never accept a violation: `.linearizable` is only
/// answered for an order actually found.
struct Bitset {
    /// Identifies the set for memoization (see the type's documentation).
    struct Fingerprint: Hashable {
        fileprivate var low: UInt64 = 0
        fileprivate var high: UInt64 = 0
    }

    private var words: [UInt64]
    private(set) var fingerprint = Fingerprint()

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    mutating func insert(_ member: Int) {
        precondition(!contains(member), "\(member) is already a member")
        words[member >> 6] |= 1 << UInt64(member & 63)
        toggleFingerprint(member)
    }

    mutating func remove(_ member: Int) {
        precondition(contains(member), "\(member) is not a member")
        words[member >> 6] &= ~(1 << UInt64(member & 63))
        toggleFingerprint(member)
    }

    private mutating func toggleFingerprint(_ member: Int) {
        fingerprint.low ^= Self.scramble(UInt64(member) << 1)
        fingerprint.high ^= Self.scramble(UInt64(member) << 1 | 1)
    }

    /// SplitMix64's step and output function: distinct inputs give unrelated nonzero-looking
    /// words (each step is a bijection, and the offset keeps input 0 from mapping to 0).
    private static func scramble(_ input: UInt64) -> UInt64 {
        var value = (input &+ 1) &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
