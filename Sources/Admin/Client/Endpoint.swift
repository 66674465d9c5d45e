import Foundation

/// The HTTP address of one node, as an operator writes it: `http://127.0.0.1:8081`, or
/// `127.0.0.1:8081` for short (plain HTTP is what `ecs-node --http` serves).
///
/// Parsed once, where it enters (a flag, the environment, a file), so that a typo is refused
/// with the text that was given rather than turning into a confusing connection error later.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `scheme://host:port`, without a trailing slash: request paths are appended to it.
    public let baseURL: String

    public var description: String { baseURL }

    /// Why a text is not an endpoint.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "'\(text)' is not a node's HTTP address (http://host:port, https://host:port or host:port)"
        }
    }

    public init(parsing text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil,
            components.user == nil
        else { throw Invalid(text: text) }
        baseURL = withScheme.hasSuffix("/") ? String(withScheme.dropLast()) : withScheme
    }
}
