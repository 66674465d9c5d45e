/// Reading `\` escapes, outside and inside bracketed classes.
extension PatternParser {
    /// What an escape stands for where a class may hold it: one code point, which may end a
    /// range, or a shorthand set, which may not.
    enum ClassAtom {
        case single(UInt32)
        case set(ScalarSet)
    }

    /// An escape outside a class, the `\` at `start` already read.
    mutating func atomEscape(at start: Int) throws(PatternSyntaxError) -> PatternNode {
        switch peek {
        case "b":
            index += 1
            return .assertion(.wordBoundary(true))
        case "B":
            index += 1
            return .assertion(.wordBoundary(false))
        case let digit? where ("1"..."9").contains(digit):
            while let scalar = peek, ("0"..."9").contains(scalar) { index += 1 }
            throw error(.backreference(text(from: start)), at: start)
        case "k" where index + 1 < scalars.count && scalars[index + 1] == "<":
            while let scalar = peek, scalar != ">" { index += 1 }
            if peek == ">" { index += 1 }
            throw error(.backreference(text(from: start)), at: start)
        default:
            switch try characterEscape(at: start, inClass: false) {
            case .single(let value): return scalars(ScalarSet(value))
            case .set(let set): return scalars(set)
            }
        }
    }

    /// An escape that stands for code points, the `\` at `start` already read. In a class `\b`
    /// is a backspace; elsewhere the caller has already taken it as a word boundary.
    mutating func characterEscape(at start: Int, inClass: Bool) throws(PatternSyntaxError) -> ClassAtom {
        guard let scalar = peek else { throw error(.invalidEscape("\\"), at: start) }
        index += 1
        switch scalar {
        case "d": return .set(.digit)
        case "D": return .set(ScalarSet.digit.complement)
        case "w": return .set(.word)
        case "W": return .set(ScalarSet.word.complement)
        case "s": return .set(.space)
        case "S": return .set(ScalarSet.space.complement)
        case "t": return .single(0x09)
        case "n": return .single(0x0A)
        case "v": return .single(0x0B)
        case "f": return .single(0x0C)
        case "r": return .single(0x0D)
        case "b" where inClass: return .single(0x08)
        case "0" where !(peek.map { ("0"..."9").contains($0) } ?? false): return .single(0)
        case "c":
            guard let letter = peek, ("A"..."Z").contains(letter) || ("a"..."z").contains(letter) else {
                throw error(.invalidEscape(text(from: start)), at: start)
            }
            index += 1
            return .single(letter.value % 32)
        case "x":
            guard let value = hexDigits(count: 2) else { throw error(.invalidEscape(text(from: start)), at: start) }
            return .single(value)
        case "u":
            guard let value = unicodeEscape() else { throw error(.invalidEscape(text(from: start)), at: start) }
            return .single(value)
        case "p", "P":
            if peek == "{" {
                while let next = peek, next != "}" { index += 1 }
                if peek == "}" { index += 1 }
            }
            throw error(.propertyEscape(text(from: start)), at: start)
        case _ where Self.isASCIIPunctuation(scalar):
            return .single(scalar.value)
        default:
            if scalar == "0" { index += 1 }  // Quote the octal escape `\01` whole.
            throw error(.invalidEscape(text(from: start)), at: start)
        }
    }

    /// `!` to `~` except letters and digits: escaping them is harmless and common (`\.`, `\-`).
    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(scalar.value) && !("0"..."9").contains(scalar) && !("A"..."Z").contains(scalar)
            && !("a"..."z").contains(scalar)
    }

    /// After `\u`: `{X…}` up to U+10FFFF, or `XXXX`, where a high surrogate followed by
    /// `\uXXXX` with a low one is the pair's code point, as with the `u` flag.
    private mutating func unicodeEscape() -> UInt32? {
        if peek == "{" {
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let scalar = peek, let digit = Self.hexValue(scalar) {
                value = min(value * 16 + digit, ScalarSet.highestCodePoint + 1)
                digits += 1
                index += 1
            }
            guard digits > 0, peek == "}" else { return nil }
            index += 1
            return value <= ScalarSet.highestCodePoint ? value : nil
        }
        guard let value = hexDigits(count: 4) else { return nil }
        guard (0xD800...0xDBFF).contains(value), peek == "\\", index + 1 < scalars.count, scalars[index + 1] == "u"
        else { return value }
        let afterHigh = index
        index += 2
        guard let low = hexDigits(count: 4), (0xDC00...0xDFFF).contains(low) else {
            index = afterHigh
            return value
        }
        return 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
    }

    /// Exactly `count` hexadecimal digits; `nil` when fewer follow.
    private mutating func hexDigits(count: Int) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = peek, let digit = Self.hexValue(scalar) else { return nil }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }
}
