import Foundation

/// Where `ecsctl` finds the region's endpoints and a token when its flags do not name them, so
/// that it needs no flags beside a cluster that `cluster/up` started:
/// - endpoints: the given ones (flags), else `$ECS_ENDPOINT`, else the `endpoints` file of the
///   home folder; lists are comma-separated (the file: one per line, `#` starts a comment), and
///   the client tries them in order;
/// - token: the given one, else `$ECS_TOKEN`, else the home folder's `token` file, else one
///   minted from the region's secret (`$ECS_SECRET_FILE`, else the home folder's `secret`), as
///   `ecsctl token` would: a platform admin token valid for `mintedTokenLifetime`;
/// - the home folder: `$ECS_HOME`, else `.ecs` in the current directory (`cluster/up` writes
///   `secret`, `token` and `endpoints` there).
public struct ConnectionDiscovery: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// How long a token minted for one command stays valid: long enough for any command, short
    /// enough not to matter if it leaks into a log.
    public static let mintedTokenLifetime: TimeInterval = 300

    /// The folder `cluster/up` writes the region's files into.
    public var home: String { variable("ECS_HOME") ?? ".ecs" }

    /// The region's secret (the nodes' `--auth-secret-file`).
    public var secretFile: String { variable("ECS_SECRET_FILE") ?? home + "/secret" }

    var tokenFile: String { home + "/token" }
    var endpointsFile: String { home + "/endpoints" }

    /// Why no connection can be set up; each says where it looked.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalidEndpoint(source: String, Endpoint.Invalid)
        case noEndpoint(endpointsFile: String)
        case noToken(tokenFile: String, secret: AuthSecret.Problem)
        case mintingFailed(String)

        public var description: String {
            switch self {
            case .invalidEndpoint(let source, let invalid):
                "\(source): \(invalid)"
            case .noEndpoint(let file):
                "no endpoint: give --endpoint, set ECS_ENDPOINT, or list them in \(file) (cluster/up writes it)"
            case .noToken(let file, let secret):
                "no token: give --token, set ECS_TOKEN or put one in \(file); "
                    + "minting one failed too: \(secret) (set ECS_SECRET_FILE)"
            case .mintingFailed(let reason):
                "minting a token from the secret failed: \(reason)"
            }
        }
    }

    /// The endpoints to try, in order (see the type's comment).
    public func endpoints(given: [String]) throws(Problem) -> [Endpoint] {
        if !given.isEmpty {
            return try Self.parse(given.joined(separator: ","), source: "--endpoint")
        }
        if let list = variable("ECS_ENDPOINT") {
            return try Self.parse(list, source: "ECS_ENDPOINT")
        }
        guard let contents = try? String(contentsOfFile: endpointsFile, encoding: .utf8) else {
            throw .noEndpoint(endpointsFile: endpointsFile)
        }
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        var endpoints: [Endpoint] = []
        for (number, line) in lines.enumerated() {
            let text = line.prefix { $0 != "#" }
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            endpoints.append(try Self.endpoint(String(text), source: "\(endpointsFile):\(number + 1)"))
        }
        guard !endpoints.isEmpty else { throw .noEndpoint(endpointsFile: endpointsFile) }
        return endpoints
    }

    /// The bearer token to send (see the type's comment).
    public func token(given: String?) async throws(Problem) -> String {
        if let given { return given }
        if let token = variable("ECS_TOKEN") { return token }
        if let contents = try? String(contentsOfFile: tokenFile, encoding: .utf8) {
            let token = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty { return token }
        }
        let secret: [UInt8]
        do {
            secret = try AuthSecret.read(from: secretFile)
        } catch {
            throw .noToken(tokenFile: tokenFile, secret: error)
        }
        do {
            return try await TokenMinter(secret: secret).mint(
                subject: "ecsctl", tenant: TokenClaims.everyTenant, permissions: [.admin],
                expiry: Date().addingTimeInterval(Self.mintedTokenLifetime))
        } catch {
            throw .mintingFailed("\(error)")
        }
    }

    /// The comma-separated `list` as endpoints (at least one); `source` names where it came from.
    private static func parse(_ list: String, source: String) throws(Problem) -> [Endpoint] {
        var endpoints: [Endpoint] = []
        for text in list.split(separator: ",") where !text.allSatisfy(\.isWhitespace) {
            endpoints.append(try endpoint(String(text), source: source))
        }
        guard !endpoints.isEmpty else { throw .invalidEndpoint(source: source, Endpoint.Invalid(text: list)) }
        return endpoints
    }

    private static func endpoint(_ text: String, source: String) throws(Problem) -> Endpoint {
        do {
            return try Endpoint(parsing: text)
        } catch {
            throw .invalidEndpoint(source: source, error)
        }
    }

    /// The environment variable `name`, unless unset or blank.
    private func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.allSatisfy(\.isWhitespace) else { return nil }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
