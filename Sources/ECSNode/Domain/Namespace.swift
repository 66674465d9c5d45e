import Admin

/// Whose layers a set belongs to: the platform's (`global`, `edition:E`) or one tenant's.
///
/// The text form is the tenant id, or `*` for the platform — the same convention as the token's
/// `tenant` claim. `*` can never be a tenant id (names start with `[a-z0-9]`), so the two never
/// collide in table keys.
enum Namespace: Hashable, Sendable {
    case platform
    case tenant(String)

    /// The text form used in table keys and records.
    static let platformMarker = "*"

    /// Parses the text form; `nil` for an invalid tenant name.
    init?(parsing text: String) {
        if text == Self.platformMarker {
            self = .platform
        } else if Names.isValidName(text) {
            self = .tenant(text)
        } else {
            return nil
        }
    }

    /// Whether `scope` may be written in this namespace.
    func admits(_ scope: Scope) -> Bool {
        switch self {
        case .platform: scope.isPlatformScope
        case .tenant: !scope.isPlatformScope
        }
    }
}

extension Namespace: CustomStringConvertible {
    var description: String {
        switch self {
        case .platform: Self.platformMarker
        case .tenant(let tenant): tenant
        }
    }
}
