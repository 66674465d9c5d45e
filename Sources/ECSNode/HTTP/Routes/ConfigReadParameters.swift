import Admin
import Hummingbird

/// The query of `GET /v1/tenants/{t}/config`, validated: every mistake is one violation of a 400.
struct ConfigReadParameters: Equatable, Sendable {
    var query: ConfigQuery
    var consistency: ReadConsistency
    /// Wait until this node has applied this index before reading (read-your-writes anywhere).
    var minIndex: UInt64?
    /// How long to wait for `minIndex`.
    var timeout: Duration

    /// The longest `timeoutMs` accepted; the default is 5 s.
    static let maximumTimeoutMilliseconds = 60_000
    static let defaultTimeout = Duration.seconds(5)

    /// Reads and checks the parameters of `request` for `tenant`.
    ///
    /// `consistency` defaults to `linearizable`, except that a request giving `minIndex` alone
    /// asks for read-your-writes on this node, so it defaults to `local` (the wait is the
    /// freshness guarantee; no leader round trip).
    init(_ request: Request, tenant: String) throws(Problem) {
        let parameters = request.uri.queryParameters
        var violations: [Violation] = []
        func invalid(_ path: String, _ message: String) {
            violations.append(Violation(code: "invalid-parameter", path: path, message: message))
        }
        let env = parameters.get("env")
        if env == nil {
            violations.append(Violation(code: "required", path: "env", message: "env is required"))
        } else if !Names.isValidName(env!) {
            invalid("env", "env names match ^[a-z0-9][a-z0-9-]{0,62}$")
        }
        let app = parameters.get("app")
        if let app, !Names.isValidName(app) { invalid("app", "app names match ^[a-z0-9][a-z0-9-]{0,62}$") }
        var sets: [String]?
        if let text = parameters.get("sets") {
            if let names = RequestParsing.setNames(text) {
                sets = Array(Set(names)).sorted()
            } else {
                invalid("sets", "sets is a comma-separated list of set names")
            }
        }
        var keys = KeyFilter.everything
        if let text = parameters.get("keys") {
            if let filter = KeyFilter(parsing: text) {
                keys = filter
            } else {
                invalid("keys", "keys is a comma-separated list of keys or key prefixes followed by *")
            }
        }
        var minIndex: UInt64?
        if let text = parameters.get("minIndex") {
            if let index = UInt64(text) { minIndex = index } else { invalid("minIndex", "minIndex is a log index") }
        }
        var timeout = Self.defaultTimeout
        if let text = parameters.get("timeoutMs") {
            if let milliseconds = Int(text), (0...Self.maximumTimeoutMilliseconds).contains(milliseconds) {
                timeout = .milliseconds(milliseconds)
            } else {
                invalid("timeoutMs", "timeoutMs is 0 to \(Self.maximumTimeoutMilliseconds) milliseconds")
            }
        }
        var consistency: ReadConsistency = minIndex == nil ? .linearizable : .local
        if let text = parameters.get("consistency") {
            if let chosen = ReadConsistency(rawValue: text) {
                consistency = chosen
            } else {
                invalid("consistency", "consistency is linearizable or local")
            }
        }
        guard violations.isEmpty, let env else {
            throw .badRequest("the query parameters are invalid", violations: violations)
        }
        self.minIndex = minIndex
        self.timeout = timeout
        self.consistency = consistency
        // The edition comes from the tenant's record, read with the config itself.
        query = ConfigQuery(tenant: tenant, env: env, app: app, edition: nil, sets: sets, keys: keys)
    }
}
