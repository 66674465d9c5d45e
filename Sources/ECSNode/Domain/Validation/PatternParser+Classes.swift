/// Reading bracketed classes: `[a-z0-9_-]`, `[^…]`, with escapes and shorthands inside.
extension PatternParser {
    /// The class opened by the `[` at `start`, already read, as the set of code points it matches.
    /// `[]` matches nothing and `[^]` anything, as in ECMA-262.
    mutating func characterClass(openedAt start: Int) throws(PatternSyntaxError) -> ScalarSet {
        let negated = peek == "^"
        if negated { index += 1 }
        var members: [ScalarSet] = []
        while true {
            guard let scalar = peek else { throw error(.unclosedClass, at: start) }
            if scalar == "]" {
                index += 1
                break
            }
            let atomStart = index
            let first = try classAtom()
            // A `-` right before `]` is a literal, as is one that starts the class.
            guard peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" else {
                members.append(Self.set(of: first))
                continue
            }
            index += 1
            let last = try classAtom()
            guard case .single(let lower) = first, case .single(let upper) = last else {
                throw error(.rangeOfClass(text(from: atomStart)), at: atomStart)
            }
            guard lower <= upper else { throw error(.rangeOutOfOrder(text(from: atomStart)), at: atomStart) }
            members.append(ScalarSet(ranges: [lower...upper]))
        }
        // Case variants go in before negating, so that `[^a]` refuses `A` too when case is ignored.
        var set = ScalarSet(ranges: members.flatMap(\.ranges))
        if options.contains(.ignoresASCIICase) { set = set.addingASCIICaseVariants }
        return negated ? set.complement : set
    }

    private mutating func classAtom() throws(PatternSyntaxError) -> ClassAtom {
        let start = index
        let scalar = scalars[index]
        index += 1
        return scalar == "\\" ? try characterEscape(at: start, inClass: true) : .single(scalar.value)
    }

    private static func set(of atom: ClassAtom) -> ScalarSet {
        switch atom {
        case .single(let value): ScalarSet(value)
        case .set(let set): set
        }
    }
}
