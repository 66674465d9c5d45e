/// A `host:port` address as operators write it in `--http`, `--raft` and `--peers`.
struct HostPort: Sendable, Hashable, CustomStringConvertible {
    var host: String
    var port: Int

    /// Parses `host:port` (an IPv6 host in brackets: `[::1]:9081`); the error names the flag.
    init(parsing text: String, flag: String) throws(ConfigurationError) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .invalid(flag, "'\(text)' is not host:port") }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw .invalid(flag, "'\(text)' is not host:port") }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw .invalid(flag, "'\(text)' has no host") }
        guard let port = Int(portPart), (1...65535).contains(port) else {
            throw .invalid(flag, "'\(text)' has no valid port (1-65535)")
        }
        self.host = String(hostPart)
        self.port = port
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
