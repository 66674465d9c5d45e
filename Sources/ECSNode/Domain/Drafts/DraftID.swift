/// The id of a draft: `d` and the Raft log index of the entry that created it (`d42`).
///
/// Derived from the index so that every node gives the draft the same id when it applies the
/// entry, with no counter to keep and no randomness: indexes are unique in a region's log, so
/// ids are unique across all its tenants and sets. Clients treat it as opaque; the `d` keeps it
/// from being mistaken for a version number, and the index orders a set's drafts by creation in
/// the `drafts` table.
struct DraftID: Hashable, Sendable, CustomStringConvertible {
    /// The log index of the entry that created the draft (≥ 1).
    var index: UInt64

    init(index: UInt64) {
        self.index = index
    }

    /// Reads the text form; `nil` for anything else (`d0`, `d012`, `42`, `dx`): each draft has
    /// exactly one spelling.
    init?(parsing text: some StringProtocol) {
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "d"), let first = digits.first, first != UInt8(ascii: "0"),
            digits.count <= 19, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let index = UInt64(String(decoding: digits, as: UTF8.self))
        else { return nil }
        self.index = index
    }

    var description: String { "d\(index)" }
}
