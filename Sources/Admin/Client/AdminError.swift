/// Why an admin operation did not succeed, in the three ways an operator (or a script) reacts to
/// differently: the region said no, no node could be asked, or the answer is not to be trusted.
public enum AdminError: Error, Equatable, CustomStringConvertible {
    /// A node answered with an error status; its problem says why.
    case refused(ServerProblem)
    /// No endpoint was reachable (each with the reason it failed, in the order tried); nothing
    /// was done.
    case unreachable([UnreachableEndpoint])
    /// A write reached `endpoint` but no answer came back: whether it took effect is unknown,
    /// and it was not repeated elsewhere.
    case noAnswer(endpoint: Endpoint, reason: String)
    /// A node answered success with a body that is not what the API promises.
    case unexpectedAnswer(endpoint: Endpoint, status: Int, reason: String)

    /// An endpoint that could not be asked, and why.
    public struct UnreachableEndpoint: Sendable, Equatable {
        public var endpoint: Endpoint
        public var reason: String

        public init(endpoint: Endpoint, reason: String) {
            self.endpoint = endpoint
            self.reason = reason
        }
    }

    public var description: String {
        switch self {
        case .refused(let problem):
            "\(problem)"
        case .unreachable(let attempts):
            "cannot reach any endpoint: "
                + attempts.map { "\($0.endpoint) (\($0.reason))" }.joined(separator: ", ")
        case .noAnswer(let endpoint, let reason):
            "\(endpoint) did not answer (\(reason)); whether the change took effect is unknown"
        case .unexpectedAnswer(let endpoint, let status, let reason):
            "\(endpoint) answered \(status) with an unexpected body: \(reason)"
        }
    }
}
