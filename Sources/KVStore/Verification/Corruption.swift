/// A structural fault found by the verifier, before it is turned into a `StoreError`.
///
/// Kept separate from `StoreError` so that the code that reads bytes can say what is wrong
/// without knowing the path or which tree it is in; `TreeVerifier` adds the page and the tree,
/// `DataFileVerifier` the path and the snapshot.
struct Corruption: Error, CustomStringConvertible {
    /// The page the fault is on, when it is on one.
    var page: UInt64?
    /// What is wrong, in words an operator can act on.
    var problem: String
    /// Which tree the page belongs to and how it was reached, once known.
    var location: String?

    init(page: UInt64? = nil, _ problem: String) {
        self.page = page
        self.problem = problem
    }

    var description: String {
        var text = page.map { "page \($0): \(problem)" } ?? problem
        if let location { text += " (\(location))" }
        return text
    }
}
