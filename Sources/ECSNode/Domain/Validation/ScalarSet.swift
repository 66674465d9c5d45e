/// A set of Unicode code points, for one step of a pattern: a literal, `.`, a shorthand such as
/// `\d`, or a bracketed class.
///
/// Values are `UInt32` rather than `Unicode.Scalar` so that a class may name surrogates
/// (`[^\uD800-\uDFFF]` is valid ECMA-262); no Swift string contains one, so they never match.
/// Membership is a bit test below U+0080, where nearly every config string lives, and a binary
/// search of sorted, disjoint ranges above it.
struct ScalarSet: Hashable, Sendable {
    /// Sorted, disjoint and non-adjacent ranges: the canonical form, so equal sets compare equal.
    let ranges: [ClosedRange<UInt32>]
    private let asciiLow: UInt64
    private let asciiHigh: UInt64
    /// The first range that reaches above ASCII, where binary searches start.
    private let firstNonASCII: Int

    static let empty = ScalarSet(ranges: [])
    static let highestCodePoint: UInt32 = 0x10_FFFF

    /// The union of `ranges`, in any order, overlapping or not.
    init(ranges: [ClosedRange<UInt32>]) {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
        var low: UInt64 = 0
        var high: UInt64 = 0
        for range in merged where range.lowerBound < 0x80 {
            for value in range.lowerBound...min(range.upperBound, 0x7F) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }
        self.asciiLow = low
        self.asciiHigh = high
        self.firstNonASCII = merged.firstIndex { $0.upperBound >= 0x80 } ?? merged.count
    }

    init(_ value: UInt32) {
        self.init(ranges: [value...value])
    }

    func contains(_ value: UInt32) -> Bool {
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 0x80 { return asciiHigh & (1 << UInt64(value - 64)) != 0 }
        var lower = firstNonASCII
        var upper = ranges.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if value > ranges[middle].upperBound {
                lower = middle + 1
            } else if value < ranges[middle].lowerBound {
                upper = middle
            } else {
                return true
            }
        }
        return false
    }

    func union(_ other: ScalarSet) -> ScalarSet {
        ScalarSet(ranges: ranges + other.ranges)
    }

    /// Every code point, U+0000 to U+10FFFF, that is not in the set.
    var complement: ScalarSet {
        var gaps: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { gaps.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= Self.highestCodePoint { gaps.append(next...Self.highestCodePoint) }
        return ScalarSet(ranges: gaps)
    }

    /// The set with the other case of each ASCII letter added. Only ASCII: the secret guard's
    /// patterns, the one user of case-insensitive matching, are ASCII, and Unicode case folding
    /// would tie matching to the standard library's Unicode version (see `CompiledPattern`).
    var addingASCIICaseVariants: ScalarSet {
        var added = ranges
        for range in ranges {
            for (letters, shift) in [(UInt32(0x41)...0x5A, Int64(0x20)), (UInt32(0x61)...0x7A, Int64(-0x20))]
            where range.overlaps(letters) {
                let lower = max(range.lowerBound, letters.lowerBound)
                let upper = min(range.upperBound, letters.upperBound)
                added.append(UInt32(Int64(lower) + shift)...UInt32(Int64(upper) + shift))
            }
        }
        return ScalarSet(ranges: added)
    }
}
