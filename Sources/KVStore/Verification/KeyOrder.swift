/// How LMDB orders the keys of a tree (`mdb_default_cmp`), so that the verifier can check
/// that every page is sorted the way LMDB's binary searches assume.
///
/// Only LMDB's built-in orders exist here: ECS never installs a custom comparator.
enum KeyOrder {
    /// `mdb_cmp_memn`: bytewise, a prefix before its extensions. The default.
    case lexicographic
    /// `mdb_cmp_memnr`: bytewise from the last byte backwards (`MDB_REVERSEKEY`/`REVERSEDUP`).
    case reversed
    /// `mdb_cmp_int`/`long`/`cint`: unsigned integers in host (little-endian) order, all of
    /// one size, 4 or 8 bytes (`MDB_INTEGERKEY`/`INTEGERDUP`, and the free list's txn ids).
    ///
    /// LMDB compares integer keys reading the first key's size from both, so keys of mixed
    /// sizes would make it read past the shorter one: the verifier insists on one size.
    case integer

    /// The order of a database's keys, from its `md_flags`.
    init(keysOf flags: UInt16) {
        if flags & DatabaseFlags.reverseKey != 0 {
            self = .reversed
        } else if flags & DatabaseFlags.integerKey != 0 {
            self = .integer
        } else {
            self = .lexicographic
        }
    }

    /// The order of a `MDB_DUPSORT` database's values for one key, from its `md_flags`.
    init(duplicatesOf flags: UInt16) {
        if flags & DatabaseFlags.integerDup != 0 {
            self = .integer
        } else if flags & DatabaseFlags.reverseDup != 0 {
            self = .reversed
        } else {
            self = .lexicographic
        }
    }

    /// Whether the bytes at `first` sort strictly before those at `second`. The ranges must
    /// lie inside their arrays (the callers got them from `ByteWindow.range`); integer keys
    /// must be of one size (checked by the caller).
    func precedes(_ first: [UInt8], _ firstRange: Range<Int>, _ second: [UInt8], _ secondRange: Range<Int>) -> Bool {
        switch self {
        case .lexicographic:
            let shared = min(firstRange.count, secondRange.count)
            var left = firstRange.lowerBound
            var right = secondRange.lowerBound
            let end = left + shared
            while left < end {
                let a = first[left]
                let b = second[right]
                if a != b { return a < b }
                left += 1
                right += 1
            }
            return firstRange.count < secondRange.count
        case .reversed, .integer:
            // Little-endian integers of one size compare like their bytes read backwards.
            let shared = min(firstRange.count, secondRange.count)
            var left = firstRange.upperBound
            var right = secondRange.upperBound
            let end = firstRange.upperBound - shared
            while left > end {
                left -= 1
                right -= 1
                let a = first[left]
                let b = second[right]
                if a != b { return a < b }
            }
            return firstRange.count < secondRange.count
        }
    }
}
