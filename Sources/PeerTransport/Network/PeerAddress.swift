/// Where a peer listens for node-to-node connections. A host name and port rather than a
/// resolved `SocketAddress`, so that every reconnect resolves the name again and a peer that
/// comes back on a new IP address is still found.
public struct PeerAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name or a literal IPv4/IPv6 address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 literal in brackets, as operators write addresses in logs
    /// and configuration.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
