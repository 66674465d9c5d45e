extension StringProtocol {
    /// The text without the spaces and tabs HTTP allows around header values and list elements
    /// (RFC 9110 §5.6.3, "optional whitespace"). Foundation's `trimmingCharacters(in:)` goes
    /// through NSString and showed up in profiles of every authenticated request.
    var trimmingOptionalWhitespace: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
