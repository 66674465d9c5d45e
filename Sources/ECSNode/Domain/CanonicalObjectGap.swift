/// The canonical bytes of an object, with the place where one more member would go: for a record
/// one of whose members is computed from the canonical bytes of all the others (the audit trail's
/// `hash`). The record is serialized once, hashed, and its stored form made by splicing the
/// computed member in — byte for byte what serializing it again with that member would give,
/// since canonical members are sorted and the others' bytes do not change.
struct CanonicalObjectGap {
    /// The canonical bytes of the object without the member.
    let bytes: [UInt8]
    /// The name of the member to come; none of the object's members has it.
    let name: String
    /// Where the member goes in `bytes`: the `"` of the first member sorting after `name`, or the
    /// closing `}`.
    private let offset: Int

    init(_ members: [String: JSONValue], gapFor name: String) {
        precondition(members[name] == nil, "member '\(name)' is already in the object")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        offset = JSONValue.writeCanonicalObject(members, to: &bytes, gap: name)
        self.bytes = bytes
        self.name = name
    }

    /// The canonical bytes of the object with member `name` set to `value`.
    func filled(with value: JSONValue) -> [UInt8] {
        var member: [UInt8] = []
        let followedByMember = bytes[offset] == UInt8(ascii: "\"")
        let precededByMember = offset > 1
        if !followedByMember && precededByMember { member.append(UInt8(ascii: ",")) }
        JSONValue.writeCanonicalString(name, to: &member)
        member.append(UInt8(ascii: ":"))
        value.writeCanonical(to: &member)
        if followedByMember { member.append(UInt8(ascii: ",")) }
        var filled: [UInt8] = []
        filled.reserveCapacity(bytes.count + member.count)
        filled.append(contentsOf: bytes[..<offset])
        filled.append(contentsOf: member)
        filled.append(contentsOf: bytes[offset...])
        return filled
    }
}
