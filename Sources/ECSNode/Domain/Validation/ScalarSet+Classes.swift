/// The sets that ECMA-262 predefines: `\d`, `\w`, `\s`, and the line terminators `.`, `^` and
/// `$` care about.
///
/// They are written out here rather than taken from `Unicode.Scalar.Properties`, so that whether
/// a value matches never depends on the Unicode version of the standard library a node runs: in a
/// replicated state machine, two nodes on different Swift releases must still agree.
extension ScalarSet {
    /// `\d`: ASCII digits only, as in ECMA-262 (without the `u` and `i` flags together).
    static let digit = ScalarSet(ranges: [0x30...0x39])

    /// `\w`: ASCII letters, digits and `_`, as in ECMA-262. Also the word characters of `\b`.
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])

    /// `\s`: ECMA-262's WhiteSpace and LineTerminator, which include the Unicode space separators
    /// (general category Zs, unchanged since Unicode 6.3) and U+FEFF.
    static let space = ScalarSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])

    /// ECMA-262's LineTerminator: LF, CR, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    static let lineTerminator = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])

    /// `.`: any code point except a line terminator (there is no `s` flag).
    static let dot = lineTerminator.complement
}
