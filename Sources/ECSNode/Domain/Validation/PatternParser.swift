/// Reads a pattern's text into a `PatternNode`: alternatives, sequences, quantifiers and groups.
/// Escapes and bracketed classes are read by the extensions next to this file.
///
/// The grammar is ECMA-262's with the `u` flag, which is stricter than without it: a lone `{`,
/// `}` or `]` and escapes of letters ECMA-262 does not define are errors, not literals, so a
/// typo is reported rather than silently matched as something else. One leniency: any ASCII
/// punctuation may be escaped (`\-`, `\:`, `\"`), as without the `u` flag.
struct PatternParser {
    /// Highest bound `{n,m}` may give.
    static let maximumRepetition = 1_000
    /// Deepest nesting of groups, as deep as subschemas may nest. Bounds the recursion of
    /// parsing and of lowering, which may run on a thread with a small stack.
    static let maximumGroupDepth = 32

    let scalars: [Unicode.Scalar]
    let options: CompiledPattern.Options
    var index = 0
    private var groupDepth = 0
    private var groupNames: Set<String> = []

    /// The pattern `source` as a tree; throws at the first construct it refuses.
    static func parse(_ source: String, options: CompiledPattern.Options) throws(PatternSyntaxError) -> PatternNode {
        var parser = PatternParser(scalars: Array(source.unicodeScalars), options: options)
        let node = try parser.alternation()
        // An alternation stops only at the end or at a `)`, and here no group is open.
        guard parser.index == parser.scalars.count else { throw parser.error(.unopenedGroup, at: parser.index) }
        return node
    }

    private init(scalars: [Unicode.Scalar], options: CompiledPattern.Options) {
        self.scalars = scalars
        self.options = options
    }

    var peek: Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    /// The text from `start` to the current index, to quote a construct in an error.
    func text(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<index]))
    }

    func error(_ kind: PatternSyntaxError.Kind, at start: Int) -> PatternSyntaxError {
        PatternSyntaxError(kind: kind, position: start + 1)
    }

    /// A node matching one code point of `set`, in either ASCII case when the options ask.
    func scalars(_ set: ScalarSet) -> PatternNode {
        .scalars(options.contains(.ignoresASCIICase) ? set.addingASCIICaseVariants : set)
    }

    private mutating func alternation() throws(PatternSyntaxError) -> PatternNode {
        var branches = [try sequence()]
        while peek == "|" {
            index += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(PatternSyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            let start = index
            let atom = try atom()
            // A bare assertion may not be repeated; a group holding one may, as in ECMA-262.
            let repeatable = if case .assertion = atom, scalars[start] != "(" { false } else { true }
            items.append(try quantified(atom, repeatable: repeatable))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func atom() throws(PatternSyntaxError) -> PatternNode {
        let start = index
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "^": return .assertion(.lineStart(multiline: options.contains(.multiline)))
        case "$": return .assertion(.lineEnd(multiline: options.contains(.multiline)))
        case ".": return .scalars(.dot)
        case "(": return try group(openedAt: start)
        case "[": return .scalars(try characterClass(openedAt: start))
        case "\\": return try atomEscape(at: start)
        case "*", "+", "?": throw error(.nothingToRepeat(String(scalar)), at: start)
        case "{":
            index = start
            guard try countedBounds() != nil else { throw error(.unescaped("{"), at: start) }
            throw error(.nothingToRepeat(text(from: start)), at: start)
        case "]", "}": throw error(.unescaped(String(scalar)), at: start)
        default: return scalars(ScalarSet(scalar.value))
        }
    }

    /// `atom` with the quantifier that follows it, if any. Laziness (a trailing `?`) only
    /// changes which match is found, never whether there is one, so it is accepted and ignored.
    private mutating func quantified(_ atom: PatternNode, repeatable: Bool) throws(PatternSyntaxError) -> PatternNode {
        let start = index
        let bounds: (minimum: Int, maximum: Int?)
        switch peek {
        case "*":
            index += 1
            bounds = (0, nil)
        case "+":
            index += 1
            bounds = (1, nil)
        case "?":
            index += 1
            bounds = (0, 1)
        case "{":
            guard let counted = try countedBounds() else { throw error(.unescaped("{"), at: start) }
            bounds = counted
        default:
            return atom
        }
        guard repeatable else { throw error(.nothingToRepeat(text(from: start)), at: start) }
        if peek == "?" { index += 1 }
        return .repetition(atom, minimum: bounds.minimum, maximum: bounds.maximum, position: start + 1)
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the index; `nil`, with the index unchanged, when the
    /// text there has another shape.
    private mutating func countedBounds() throws(PatternSyntaxError) -> (minimum: Int, maximum: Int?)? {
        let start = index
        index += 1
        guard let minimum = number() else {
            index = start
            return nil
        }
        var maximum: Int? = minimum
        if peek == "," {
            index += 1
            maximum = number()
        }
        guard peek == "}" else {
            index = start
            return nil
        }
        index += 1
        if minimum > Self.maximumRepetition || (maximum ?? 0) > Self.maximumRepetition {
            throw error(.repetitionTooLarge(text(from: start)), at: start)
        }
        if let maximum, maximum < minimum { throw error(.boundsOutOfOrder(text(from: start)), at: start) }
        return (minimum, maximum)
    }

    /// A run of decimal digits; saturates above `maximumRepetition` rather than overflowing.
    private mutating func number() -> Int? {
        var value: Int?
        while let scalar = peek, let digit = decimalDigit(scalar) {
            value = min((value ?? 0) * 10 + digit, Self.maximumRepetition + 1)
            index += 1
        }
        return value
    }

    private func decimalDigit(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value - 0x30) : nil
    }

    private mutating func group(openedAt start: Int) throws(PatternSyntaxError) -> PatternNode {
        guard groupDepth < Self.maximumGroupDepth else { throw error(.nestedTooDeeply, at: start) }
        if peek == "?" { try groupPrefix(openedAt: start) }
        groupDepth += 1
        let body = try alternation()
        groupDepth -= 1
        guard peek == ")" else { throw error(.unclosedGroup, at: start) }
        index += 1
        return body
    }

    /// Reads what follows `(?`: `:` or `<name>`, which change nothing for a search; refuses the
    /// rest.
    private mutating func groupPrefix(openedAt start: Int) throws(PatternSyntaxError) {
        index += 1
        let next = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch (peek, next) {
        case (":", _):
            index += 1
        case ("=", _), ("!", _):
            index += 1
            throw error(.lookaround(text(from: start)), at: start)
        case ("<", "="), ("<", "!"):
            index += 2
            throw error(.lookaround(text(from: start)), at: start)
        case ("<", _):
            index += 1
            try groupName(openedAt: start)
        default:
            if peek != nil { index += 1 }
            throw error(.unsupportedGroup(text(from: start)), at: start)
        }
    }

    /// Reads `name>` after `(?<`: an ASCII identifier, used once in the pattern.
    private mutating func groupName(openedAt start: Int) throws(PatternSyntaxError) {
        let nameStart = index
        while let scalar = peek, scalar != ">" { index += 1 }
        let name = text(from: nameStart)
        guard peek == ">" else { throw error(.invalidGroupName("<" + name), at: start) }
        index += 1
        guard Self.isIdentifier(name) else { throw error(.invalidGroupName("<\(name)>"), at: start) }
        guard groupNames.insert(name).inserted else { throw error(.duplicateGroupName("<\(name)>"), at: start) }
    }

    /// `[A-Za-z_$][A-Za-z0-9_$]*`. ECMA-262 also allows non-ASCII identifiers, but telling
    /// them apart needs Unicode tables, which this matcher avoids (see `ScalarSet+Classes.swift`).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ScalarSet.word.contains($0.value) || $0 == "$" }
    }
}
