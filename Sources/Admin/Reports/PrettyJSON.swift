import Foundation

/// A node's JSON answer laid out for reading and diffing (`ecsctl --json`): indented, keys
/// sorted. Scripts parse it as they would the compact original.
public enum PrettyJSON {
    /// `body` pretty-printed; the text unchanged when it is not JSON (never lose an answer).
    public static func text(_ body: [UInt8]) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
            let pretty = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: pretty, as: UTF8.self)
    }
}
