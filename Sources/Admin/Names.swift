/// The spelling rules of every name in the API (`shared/spec/API.md`, "Names"), shared by the node
/// and `ecsctl` so that the command line refuses exactly what the server would.
///
/// Names become parts of LMDB keys, of URLs and of tokens, so they are checked once, at the edge,
/// and again when a command is applied (a log entry is never trusted more than a request). The
/// rules are plain character checks rather than regular expressions because they run on every
/// request and every applied entry.
public enum Names {
    /// The longest key the spec allows, in characters.
    public static let maximumKeyLength = 256

    /// Whether `name` is a valid tenant, set, env, app, region or edition name:
    /// `^[a-z0-9][a-z0-9-]{0,62}$`.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 63, isLowerAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Whether `key` is a valid item key: `^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$`.
    public static func isValidKey(_ key: some StringProtocol) -> Bool {
        let bytes = key.utf8
        guard let first = bytes.first, bytes.count <= maximumKeyLength, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy(isKeyCharacter)
    }

    /// Whether `prefix` can begin a valid key (the empty prefix included), for `keys=prefix/*`.
    public static func isValidKeyPrefix(_ prefix: some StringProtocol) -> Bool {
        let bytes = prefix.utf8
        guard let first = bytes.first else { return true }
        return bytes.count <= maximumKeyLength && isAlphanumeric(first) && bytes.allSatisfy(isKeyCharacter)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isKeyCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "-")
    }
}
