/// The `route` label of the HTTP metrics: the matched route's template as the OpenAPI document
/// writes it (`/v1/tenants/{tenant}/sets/{set}/items/{key}`), never the raw path, so that a client
/// cannot add series by varying names, keys or versions.
enum RouteLabel {
    /// Every request no route matched (404s for unknown paths, refusals before routing).
    static let unmatched = "unmatched"

    /// The label of a request whose matched route is `endpointPath` (Hummingbird's template,
    /// `{name}` for a parameter, `**` for the item key's recursive capture), `unmatched` for none.
    static func label(endpointPath: String?) -> String {
        guard let endpointPath else { return unmatched }
        guard endpointPath.hasSuffix("/**") else { return endpointPath }
        return endpointPath.dropLast(2) + "{key}"
    }
}
