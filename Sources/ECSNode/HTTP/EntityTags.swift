/// The entity tags of `If-Match` / `If-None-Match`: `"etag"`, a comma-separated list of them,
/// or `*`. A weak `W/` prefix is tolerated (and ignored), as the spec asks, and so is a bare
/// etag without quotes.
enum EntityTags {
    /// What a conditional header asks for.
    enum Condition: Equatable {
        /// `*`: any current version.
        case any
        case tags([String])
    }

    /// Parses a header value; `nil` when it holds no tag at all.
    static func parse(_ header: String) -> Condition? {
        let trimmed = header.trimmingOptionalWhitespace
        if trimmed == "*" { return .any }
        let tags = trimmed.split(separator: ",").compactMap { part -> String? in
            var tag = part.trimmingOptionalWhitespace
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag.count >= 2, tag.first == "\"", tag.last == "\"" { tag = tag.dropFirst().dropLast() }
            return tag.isEmpty ? nil : String(tag)
        }
        return tags.isEmpty ? nil : .tags(tags)
    }

    /// The header form of `etag`: in double quotes.
    static func quoted(_ etag: String) -> String {
        "\"\(etag)\""
    }
}
