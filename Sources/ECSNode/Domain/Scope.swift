import Admin

/// Where a value lives, from the least to the most specific: `global < edition < tenant < env < app`.
///
/// `global` and `edition:E` belong to the platform namespace (written by the platform admin and
/// inherited by every tenant); `tenant`, `env:E` and `app:E/A` belong to one tenant. The text form
/// (`env:prod`, `app:prod/web`) is the one the API uses in `?scope=` and the one stored in layer
/// keys, so it is also the order-independent identity of a layer.
enum Scope: Hashable, Sendable {
    case global
    case edition(String)
    case tenant
    case env(String)
    case app(env: String, app: String)

    /// Parses the API's text form; `nil` when `text` is not a scope or names an invalid env, app
    /// or edition.
    init?(parsing text: some StringProtocol) {
        let text = String(text)
        if text == "global" {
            self = .global
        } else if text == "tenant" {
            self = .tenant
        } else if let edition = text.droppingPrefix("edition:"), Names.isValidName(edition) {
            self = .edition(edition)
        } else if let env = text.droppingPrefix("env:"), Names.isValidName(env) {
            self = .env(env)
        } else if let pair = text.droppingPrefix("app:") {
            let parts = pair.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, Names.isValidName(parts[0]), Names.isValidName(parts[1]) else { return nil }
            self = .app(env: String(parts[0]), app: String(parts[1]))
        } else {
            return nil
        }
    }

    /// Whether the scope lives in the platform namespace rather than in a tenant's.
    var isPlatformScope: Bool {
        switch self {
        case .global, .edition: true
        case .tenant, .env, .app: false
        }
    }
}

extension Scope: CustomStringConvertible {
    /// The API's text form, e.g. `app:prod/web`.
    var description: String {
        switch self {
        case .global: "global"
        case .edition(let edition): "edition:\(edition)"
        case .tenant: "tenant"
        case .env(let env): "env:\(env)"
        case .app(let env, let app): "app:\(env)/\(app)"
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    fileprivate func droppingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
