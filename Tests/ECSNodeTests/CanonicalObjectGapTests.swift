import Testing

@testable import ECSNode

@Suite("CanonicalObjectGap: one member spliced into canonical bytes")
struct CanonicalObjectGapTests {
    @Test(
        "filling the gap gives exactly the canonical bytes of the object with the member",
        arguments: [
            ("hash", [:]),
            ("a", ["b": 1, "c": 2]),
            ("m", ["b": 1, "z": [1, 2]]),
            ("z", ["b": 1, "c": ["hash": "nested"]]),
            ("ab", ["a": true, "abc": .null, "b": "x"]),
            ("\u{E000}", ["\u{10000}": 1, "\u{FFFF}": 2]),
        ] as [(String, [String: JSONValue])])
    func filled(name: String, members: [String: JSONValue]) {
        let gap = CanonicalObjectGap(members, gapFor: name)
        #expect(gap.bytes == JSONValue.object(members).canonicalBytes)
        var withMember = members
        withMember[name] = "v\"1"
        #expect(gap.filled(with: "v\"1") == JSONValue.object(withMember).canonicalBytes)
    }
}
