import Admin

/// Which keys a config read returns: `keys=retry.*,db/pool` — a pattern ending in `*` selects the
/// keys starting with what precedes it, any other pattern exactly one key. No patterns means all.
struct KeyFilter: Equatable, Sendable {
    enum Pattern: Equatable, Sendable {
        case exact(String)
        case prefix(String)
    }

    var patterns: [Pattern]

    /// Every key.
    static let everything = KeyFilter(patterns: [.prefix("")])

    /// Parses the comma-separated `keys` parameter; `nil` when a pattern is not a key, a key
    /// prefix followed by `*`, or has a `*` anywhere but at its end.
    init?(parsing text: some StringProtocol) {
        var patterns: [Pattern] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            if part.last == "*" {
                let prefix = part.dropLast()
                guard Names.isValidKeyPrefix(prefix) else { return nil }
                patterns.append(.prefix(String(prefix)))
            } else {
                guard Names.isValidKey(part) else { return nil }
                patterns.append(.exact(String(part)))
            }
        }
        self.patterns = patterns
    }

    init(patterns: [Pattern]) {
        self.patterns = patterns
    }
}
