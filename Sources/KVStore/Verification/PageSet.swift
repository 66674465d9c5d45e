/// A set of page numbers `0...lastPage`, one bit each: a 1 GiB file of 4 KiB pages needs 32 KiB.
///
/// The verifier keeps two: the pages the trees use, to catch a page reached twice (a cycle,
/// or two trees sharing a page), and the pages the free list offers, to catch a page that is
/// both in use and free (LMDB would hand it out again and overwrite live data).
struct PageSet {
    private var words: [UInt64]
    /// The largest page number the set can hold.
    let lastPage: UInt64
    private(set) var count = 0

    init(lastPage: UInt64) {
        self.lastPage = lastPage
        words = [UInt64](repeating: 0, count: Int(lastPage / 64) + 1)
    }

    /// Adds `page` (which must be `<= lastPage`); `false` when it was already there.
    mutating func insert(_ page: UInt64) -> Bool {
        precondition(page <= lastPage, "PageSet: page \(page) is past \(lastPage)")
        let word = Int(page / 64)
        let bit = UInt64(1) << (page % 64)
        if words[word] & bit != 0 { return false }
        words[word] |= bit
        count += 1
        return true
    }

    func contains(_ page: UInt64) -> Bool {
        page <= lastPage && words[Int(page / 64)] & (UInt64(1) << (page % 64)) != 0
    }

    /// The smallest page in both sets, if any.
    func firstCommonPage(with other: PageSet) -> UInt64? {
        for index in 0..<min(words.count, other.words.count) {
            let common = words[index] & other.words[index]
            if common != 0 { return UInt64(index) * 64 + UInt64(common.trailingZeroBitCount) }
        }
        return nil
    }
}

/// Which 2-byte units of one page its nodes occupy, to catch nodes that overlap each other.
///
/// LMDB moves nodes with `memmove` sized by their own headers when it deletes one; two
/// overlapping nodes would make it shift bytes across the page boundary.
struct NodeCoverage {
    private var words: [UInt64] = []

    /// Forgets every claim, for a container of `size` bytes.
    mutating func reset(size: Int) {
        let needed = size / 128 + 1
        if words.count < needed {
            words = [UInt64](repeating: 0, count: needed)
        } else {
            for index in 0..<needed { words[index] = 0 }
        }
    }

    /// Claims bytes `start..<end` (`start` even, `end` inside the container passed to
    /// `reset`); `false` when part of them was claimed already.
    mutating func claim(_ start: Int, _ end: Int) -> Bool {
        var unit = start / 2
        let endUnit = (end + 1) / 2
        while unit < endUnit {
            let word = unit / 64
            let first = unit % 64
            let last = min(64, first + (endUnit - unit))
            let span = last - first
            let mask = span == 64 ? UInt64.max : ((UInt64(1) << UInt64(span)) - 1) << UInt64(first)
            if words[word] & mask != 0 { return false }
            words[word] |= mask
            unit += span
        }
        return true
    }
}
