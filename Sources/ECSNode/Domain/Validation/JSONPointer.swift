/// A location inside a JSON document (RFC 6901), kept as tokens rather than text so that
/// locations order the way a reader walks the document: members by name, array elements by
/// index (`/2` before `/10`), a container before what is inside it.
///
/// Violations name where they are with it: `env:prod/db.pool#/max` inside a value, or
/// `#/properties/retry.max/minimum` inside a schema.
struct JSONPointer: Hashable, Sendable, Comparable {
    /// One step down into a container.
    enum Token: Hashable, Sendable, Comparable {
        case member(String)
        case index(Int)

        /// Indexes before names; names by their UTF-8 bytes, which is the same on every node
        /// and every Swift version (unlike locale- or normalization-aware string order).
        static func < (lhs: Token, rhs: Token) -> Bool {
            switch (lhs, rhs) {
            case (.index(let left), .index(let right)): left < right
            case (.member(let left), .member(let right)): left.utf8Precedes(right)
            case (.index, .member): true
            case (.member, .index): false
            }
        }
    }

    private(set) var tokens: [Token] = []

    /// The document itself.
    static let root = JSONPointer()

    func appending(_ name: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(.member(name))
        return copy
    }

    func appending(_ index: Int) -> JSONPointer {
        var copy = self
        copy.tokens.append(.index(index))
        return copy
    }

    /// The RFC 6901 text, `""` for the root: `~` is written `~0` and `/` is written `~1`.
    var text: String {
        tokens.map { token in
            switch token {
            case .index(let index): "/\(index)"
            case .member(let name):
                "/" + name.replacing("~", with: "~0").replacing("/", with: "~1")
            }
        }.joined()
    }

    /// The path of a violation: `base` alone for the root, else `base#<pointer>`.
    func path(under base: String) -> String {
        tokens.isEmpty ? base : base + "#" + text
    }

    static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.lexicographicallyPrecedes(rhs.tokens)
    }
}

extension String {
    /// Whether the string sorts before `other` by UTF-8 bytes: the order used for keys and
    /// names in every list of violations, so that it never depends on dictionary order.
    func utf8Precedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
