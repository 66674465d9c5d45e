import Crypto

extension ResolvedConfig {
    /// The etag of a config read: a digest of everything the body says about the state — the
    /// query's identity, each set's version and items, and the head etag of each contributing
    /// platform set — but not the index or the time of the read.
    ///
    /// So an unchanged configuration keeps its etag across reads (and `If-None-Match` answers
    /// 304), and any write to a contributing layer, platform layers included, changes it.
    func etag(for query: ConfigQuery) -> String {
        var setsPart: [String: JSONValue] = [:]
        for (name, set) in sets {
            setsPart[name] = .object([
                "version": .integer(Int64(clamping: set.version)),
                "items": .object(set.items),
                "platform": set.platformETag.map(JSONValue.string) ?? .null,
            ])
        }
        let identity: JSONValue = .object([
            "tenant": .string(query.tenant),
            "env": .string(query.env),
            "app": query.app.map(JSONValue.string) ?? .null,
            "edition": query.edition.map(JSONValue.string) ?? .null,
            "sets": .object(setsPart),
        ])
        return SetETag.hex(SHA256.hash(data: identity.canonicalBytes).prefix(16))
    }
}
