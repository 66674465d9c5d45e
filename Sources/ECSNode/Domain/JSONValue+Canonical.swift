/// The canonical serialization of RFC 8785 (JSON Canonicalization Scheme): object members sorted
/// by their UTF-16 code units, no insignificant whitespace, the shortest ECMAScript number form,
/// and only the escapes JSON requires.
///
/// Every hash and ETag in ECS is computed over these bytes, and the signed config body of issue 5
/// is exactly this serialization, so a client can verify it without knowing how the server
/// built it.
extension JSONValue {
    /// The canonical UTF-8 bytes of the value.
    var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        writeCanonical(to: &output)
        return output
    }

    /// Appends the canonical bytes of the value to `output`.
    func writeCanonical(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let bool): output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .integer(let integer): output.append(contentsOf: String(integer).utf8)
        case .double(let double): output.append(contentsOf: ECMAScriptNumber.format(double).utf8)
        case .string(let string): Self.writeCanonicalString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.writeCanonical(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members): Self.writeCanonicalObject(members, to: &output)
        }
    }

    /// Appends the canonical bytes of the object `members` to `output`, and returns the offset in
    /// `output` where a member named `gap` (not one of `members`) would begin: at the first member
    /// that sorts after it, or at the closing brace. `CanonicalObjectGap` splices a member in there.
    @discardableResult
    static func writeCanonicalObject(
        _ members: [String: JSONValue], to output: inout [UInt8], gap: String? = nil
    ) -> Int {
        output.append(UInt8(ascii: "{"))
        var gapOffset: Int?
        let sorted = members.sorted { precedesInUTF16($0.key, $1.key) }
        for (position, member) in sorted.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            if gapOffset == nil, let gap, precedesInUTF16(gap, member.key) { gapOffset = output.count }
            writeCanonicalString(member.key, to: &output)
            output.append(UInt8(ascii: ":"))
            member.value.writeCanonical(to: &output)
        }
        let closingBrace = output.count
        output.append(UInt8(ascii: "}"))
        return gapOffset ?? closingBrace
    }

    /// Whether `a` sorts before `b` by UTF-16 code units, as RFC 8785 orders member names,
    /// computed on the UTF-8 bytes (the strings' native form) without transcoding.
    ///
    /// UTF-8 byte order is code point order, and so is UTF-16 order except in one case: a
    /// character beyond U+FFFF (UTF-8 lead byte F0–F4, UTF-16 surrogates D800–DBFF) sorts
    /// before one in U+E000–U+FFFF (lead byte EE or EF) in UTF-16, after it in UTF-8. The first
    /// differing bytes of two strings with a common prefix are lead bytes or the same lead's
    /// continuation bytes, so looking at them settles the order.
    static func precedesInUTF16(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            guard let x = left.next() else { return right.next() != nil }
            guard let y = right.next() else { return false }
            if x == y { continue }
            let leadsUpperBMP: (UInt8) -> Bool = { $0 == 0xEE || $0 == 0xEF }
            if x >= 0xF0 && leadsUpperBMP(y) { return true }
            if y >= 0xF0 && leadsUpperBMP(x) { return false }
            return x < y
        }
    }

    /// Appends `string` as a canonical JSON string: quoted, escaped only where JSON requires.
    static func writeCanonicalString(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            if bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                output.append(contentsOf: bytes)
            } else {
                for byte in bytes { appendEscaped(byte, to: &output) }
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    /// Appends `byte` of a string, escaped as JSON requires (and no more).
    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case 0x08: output.append(contentsOf: #"\b"#.utf8)
        case 0x09: output.append(contentsOf: #"\t"#.utf8)
        case 0x0A: output.append(contentsOf: #"\n"#.utf8)
        case 0x0C: output.append(contentsOf: #"\f"#.utf8)
        case 0x0D: output.append(contentsOf: #"\r"#.utf8)
        case 0x00..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: #"\u00"#.utf8)
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        default: output.append(byte)
        }
    }
}

/// ECMAScript's `Number::toString` (ECMA-262 §6.1.6.1.20), which RFC 8785 prescribes for numbers.
///
/// Swift's `description` already yields the shortest digits that round-trip; only the layout
/// differs (ECMAScript writes `1e-7` and `100000000000000000000` where Swift writes `1e-07` and
/// `1e+20`), so this re-lays those digits out. One known gap: when 17 significant digits are
/// needed and two 17-digit strings round-trip, ECMAScript takes the closer one and Swift may
/// not (`1.2345678901234568e+23` vs Swift's `…69e+23`); integers that fit in 64 bits are never
/// affected, since they are written exactly.
enum ECMAScriptNumber {
    static func format(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        if value == 0 { return "0" }
        if value < 0 { return "-" + format(-value) }
        let shortest = shortestDigits(of: value)
        var digits = shortest.digits
        let exponent = shortest.exponent
        // value = 0.d1d2…dk × 10^exponent, in ECMAScript's terms n = exponent, k = digits.count.
        let count = digits.count
        if count <= exponent && exponent <= 21 {
            digits.append(contentsOf: repeatElement("0", count: exponent - count))
            return String(digits)
        }
        if 0 < exponent && exponent <= 21 {
            digits.insert(".", at: exponent)
            return String(digits)
        }
        if -6 < exponent && exponent <= 0 {
            return "0." + String(repeating: "0", count: -exponent) + String(digits)
        }
        let shown = exponent - 1
        let sign = shown < 0 ? "-" : "+"
        let mantissa = count == 1 ? String(digits) : "\(digits[0])." + String(digits.dropFirst())
        return "\(mantissa)e\(sign)\(abs(shown))"
    }

    /// The shortest round-tripping decimal digits of a positive `value` (no leading or trailing
    /// zeros) and the position of the decimal point relative to the first digit.
    private static func shortestDigits(of value: Double) -> (digits: [Character], exponent: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let written = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1)
        var digits = Array(mantissa[0]) + (mantissa.count == 2 ? Array(mantissa[1]) : [])
        var exponent = mantissa[0].count + written
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, exponent)
    }
}
