import Foundation

/// The shared secret of a region's client tokens: the bytes of the file given to `ecs-node
/// --auth-secret-file`, with trailing whitespace stripped (an editor's final newline must not
/// change the key). The node verifies tokens with it and `ecsctl token` signs them with it, so
/// both read the file here.
public enum AuthSecret {
    /// Why the file cannot serve as the secret.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String)
        case empty(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read the secret file \(path)"
            case .empty(let path): "the secret file \(path) is empty"
            }
        }
    }

    public static func read(from path: String) throws(Problem) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        var bytes = Array(data)
        while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
        guard !bytes.isEmpty else { throw .empty(path: path) }
        return bytes
    }

    /// The key as jwt-kit's HS256 wants it. HMAC pads keys shorter than its block with zeros, so
    /// padding to 32 bytes changes no signature; it only keeps jwt-kit's debug-build assertion on
    /// short HS256 keys from stopping a node or `ecsctl` started with a short secret.
    public static func hmacKey(_ secret: [UInt8]) -> [UInt8] {
        secret.count >= 32 ? secret : secret + [UInt8](repeating: 0, count: 32 - secret.count)
    }
}
