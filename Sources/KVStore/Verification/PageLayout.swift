import CLMDB

/// Where things are in an LMDB 0.9 data file, as written by the system's liblmdb on a 64-bit
/// little-endian machine (x86_64 or arm64 Linux; `MDB_VL32` and `MDB_DEVEL` off).
///
/// LMDB keeps these structures private to mdb.c, so the verifier needs its own copy of their
/// layout. Each constant names the C field it mirrors; the sizes follow from `pgno_t`,
/// `size_t` and `txnid_t` being 8 bytes and `indx_t` 2. `VerifierTests` checks the layout
/// against what liblmdb itself reports (page size, last page, transaction id, tree depth and
/// page counts), so a build with another layout is caught by the tests, not in production.
enum PageLayout {
    /// `PAGEHDRSZ`: `offsetof(MDB_page, mp_ptrs)`.
    static let headerSize = 16
    /// `mp_pgno` (8 bytes): the page's own number.
    static let pageNumberOffset = 0
    /// `mp_pad` (2 bytes): the key size of a `P_LEAF2` sub-page.
    static let padOffset = 8
    /// `mp_flags` (2 bytes).
    static let flagsOffset = 10
    /// `mp_lower` (2 bytes): end of the node-offset array.
    static let lowerOffset = 12
    /// `mp_upper` (2 bytes): start of the node area.
    static let upperOffset = 14
    /// `mp_pages` (4 bytes, overlays lower/upper): the length of an overflow run.
    static let overflowPageCountOffset = 12
    /// The node-offset array (`mp_ptrs`, 2 bytes each) starts right after the header.
    static let pointersOffset = 16

    /// `NUM_METAS`: pages 0 and 1 are meta pages, never tree pages.
    /// How many pages at the end of the file LMDB may leave unwritten: pages a transaction
    /// allocated and freed again are never written (mdb.c: "the file may be shorter if the
    /// freeDB lists the final pages"), and one transaction dirties at most 2^17 pages.
    static let maximumUnwrittenTailPages: UInt64 = 1 << 17
    static let metaPageCount: UInt64 = 2
    /// `P_INVALID`: the root of an empty tree.
    static let invalidPage: UInt64 = .max
    /// `CURSOR_STACK`: LMDB cannot descend deeper than this.
    static let maximumDepth = 32
    /// LMDB writes the OS page size capped at `MAX_PAGESIZE` (32 KiB); anything outside this
    /// range, or not a power of two, is not a page size LMDB could have written.
    static let pageSizes = 512...0x8000
}

/// `mp_flags` bits (`P_*` in mdb.c).
enum PageFlags {
    static let branch: UInt16 = 0x01
    static let leaf: UInt16 = 0x02
    static let overflow: UInt16 = 0x04
    static let meta: UInt16 = 0x08
    /// Only ever set in memory, and on sub-pages; on a page of the file it would make LMDB
    /// write into its read-only map instead of copying the page first.
    static let dirty: UInt16 = 0x10
    static let leaf2: UInt16 = 0x20
    static let subpage: UInt16 = 0x40
}

/// `MDB_node`: an 8-byte header followed by the key and then the data (leaf) or nothing
/// (branch). Nodes start on even offsets.
enum NodeLayout {
    static let headerSize = 8
    /// `mn_lo`, `mn_hi` (2 bytes each): the data size of a leaf node, or the low 32 bits of a
    /// branch node's child page number.
    static let lowOffset = 0
    static let highOffset = 2
    /// `mn_flags` (2 bytes): node flags on a leaf, bits 32–47 of the child page on a branch.
    static let flagsOffset = 4
    /// `mn_ksize` (2 bytes).
    static let keySizeOffset = 6

    /// `F_BIGDATA`: the data is the 8-byte number of the first page of an overflow run.
    static let bigData: UInt16 = 0x01
    /// `F_SUBDATA`: the data is an `MDB_db` record (a named database, or a tree of duplicates).
    static let subData: UInt16 = 0x02
    /// `F_DUPDATA`: the data holds the duplicates of the key (a sub-page, or with `F_SUBDATA`
    /// a tree of their own).
    static let dupData: UInt16 = 0x04
}

/// `MDB_db`: a tree's root and statistics, 48 bytes.
enum DatabaseRecordLayout {
    static let size = 48
    /// `md_pad` (4 bytes): in FREE_DBI of a meta page it is the page size (`mm_psize`); in a
    /// `MDB_DUPFIXED` tree, the size of every value.
    static let padOffset = 0
    /// `md_flags` (2 bytes).
    static let flagsOffset = 4
    /// `md_depth` (2 bytes).
    static let depthOffset = 6
    static let branchPagesOffset = 8
    static let leafPagesOffset = 16
    static let overflowPagesOffset = 24
    static let entriesOffset = 32
    /// `md_root` (8 bytes).
    static let rootOffset = 40
}

/// `MDB_meta`, which starts right after the page header of pages 0 and 1; 136 bytes.
enum MetaLayout {
    static let size = 136
    /// Where the meta starts inside its page (`METADATA(p)`).
    static let offsetInPage = PageLayout.headerSize
    /// `mm_magic` (4 bytes).
    static let magicOffset = 0
    /// `mm_version` (4 bytes).
    static let versionOffset = 4
    /// `mm_mapsize` (8 bytes, after the 8-byte `mm_address`).
    static let mapSizeOffset = 16
    /// `mm_dbs[FREE_DBI]`.
    static let freeDatabaseOffset = 24
    /// `mm_dbs[MAIN_DBI]`.
    static let mainDatabaseOffset = 72
    /// `mm_last_pg` (8 bytes).
    static let lastPageOffset = 120
    /// `mm_txnid` (8 bytes).
    static let transactionIDOffset = 128

    /// `MDB_MAGIC`.
    static let magic: UInt32 = 0xBEEF_C0DE
    /// `MDB_DATA_VERSION` of a release build.
    static let version: UInt32 = 1
}

/// Persistent `md_flags` of a database (the `mdb_dbi_open` flags from lmdb.h).
enum DatabaseFlags {
    static let reverseKey = UInt16(MDB_REVERSEKEY)
    static let dupSort = UInt16(MDB_DUPSORT)
    static let integerKey = UInt16(MDB_INTEGERKEY)
    static let dupFixed = UInt16(MDB_DUPFIXED)
    static let integerDup = UInt16(MDB_INTEGERDUP)
    static let reverseDup = UInt16(MDB_REVERSEDUP)
    /// Every flag LMDB stores for a database; any other bit is damage.
    static let all: UInt16 = reverseKey | dupSort | integerKey | dupFixed | integerDup | reverseDup
}
