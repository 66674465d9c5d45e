import Hummingbird
import KVStore
import NIOCore

/// What every route handler shares: the node's dependencies, the token verifier, the signer of
/// config reads, the forwarders to the leader and to other regions, and the readiness latch. Built once per router.
struct APIServices: Sendable {
    let dependencies: APIDependencies
    let verifier: TokenVerifier
    /// Derived from the same secret as the verifier's key (and the region), so the two can never
    /// disagree about which secret the node runs with.
    let signer: ConfigSigner
    let forwarder: LeaderForwarder
    /// Relays requests another region must serve (`RegionMiddleware`).
    let regionForwarder: RegionForwarder
    let readiness: ReadinessLatch
    /// The writes-per-second buckets of the tenants whose writes this node proposes.
    let rateLimiter: WriteRateLimiter

    init(_ dependencies: APIDependencies) {
        self.dependencies = dependencies
        self.verifier = TokenVerifier(key: dependencies.authKey, now: dependencies.now)
        self.signer = ConfigSigner(secret: dependencies.authKey, region: dependencies.region)
        let relay = RequestRelay(client: dependencies.httpClient, timeout: dependencies.forwardingTimeout)
        self.forwarder = LeaderForwarder(
            relay: relay, nodeName: dependencies.nodeName, scheme: dependencies.memberScheme)
        self.regionForwarder = RegionForwarder(relay: relay, regions: dependencies.regions, rotation: SeedRotation())
        self.readiness = ReadinessLatch()
        self.rateLimiter = WriteRateLimiter(now: dependencies.monotonicNow)
    }

    var consensus: any ConsensusClient { dependencies.consensus }

    /// The result of a consensus call made on behalf of a request: this node's answer, or the
    /// leader's answer when this node is a follower.
    enum LeaderAnswer<Value> {
        case local(Value)
        case forwarded(Response)
    }

    /// Runs `call`; when this node is not the leader, forwards `request` (with its `body`) to the
    /// leader instead. Every other consensus failure becomes its problem: 503 when certainly not
    /// done, 504 when the outcome is unknown, 409 when the request does not fit the cluster's
    /// state (404 when it names an unknown member).
    ///
    /// A request another node forwarded here is not forwarded again (a stale leader hint must
    /// not make it circle) unless `forwardingAgain`: for a node that has just handed leadership
    /// to the leader it now names, so the second hop cannot come back.
    func onLeader<Value>(
        _ request: Request, body: ByteBuffer?, forwardingAgain: Bool = false,
        _ call: () async throws(ConsensusError) -> Value
    ) async throws(Problem) -> LeaderAnswer<Value> {
        do {
            return .local(try await call())
        } catch {
            switch error {
            case .notLeader(let address?):
                guard forwardingAgain || !LeaderForwarder.wasForwarded(request) else {
                    throw .unavailable("this node is not the leader either (leadership is changing); retry")
                }
                return .forwarded(try await forwarder.forward(request, body: body, to: address))
            case .notLeader(nil):
                throw .unavailable("no leader is known at the moment; retry")
            case .unavailable(let reason):
                throw .unavailable(reason)
            case .outcomeUnknown(let reason):
                throw .outcomeUnknown(reason)
            case .rejected(let reason) where reason.hasPrefix("unknown member"):
                throw .notFound(reason)
            case .rejected(let reason):
                throw .conflict(reason)
            }
        }
    }

    /// Proposes `action` on behalf of `identity` (stamped with this node's clock), with the
    /// client's `idempotencyKey` when it sent one, and answers with `respond` applied to the state
    /// machine's receipt (picked out of the outcome by `expecting`), or with the leader's answer
    /// when this node forwarded `request`. A rejection is thrown as its problem; a replay answers
    /// as the first attempt did, marked `Idempotent-Replayed: true`; an outcome of another kind is
    /// a bug (500).
    func proposeCommand<Receipt>(
        _ action: Command.Action, by identity: Identity, request: Request, body: ByteBuffer?,
        idempotencyKey: String? = nil, expecting receipt: (CommandOutcome) -> Receipt?,
        respond: (Receipt) -> Response
    ) async throws -> Response {
        let command = Command(
            actor: identity.subject, issuedAt: RequestParsing.milliseconds(dependencies.now()), action: action,
            idempotency: idempotencyKey.map { IdempotencyClaim(key: $0, for: action) })
        let bytes = command.encoded()
        let propose = { () async throws(ConsensusError) in try await consensus.propose(bytes) }
        switch try await onLeader(request, body: body, propose) {
        case .forwarded(let response): return response
        case .local(let applied):
            return try answer(applied.outcome, of: action, expecting: receipt, respond: respond)
        }
    }

    /// The response to `outcome` (see `proposeCommand`).
    private func answer<Receipt>(
        _ outcome: CommandOutcome, of action: Command.Action, expecting receipt: (CommandOutcome) -> Receipt?,
        respond: (Receipt) -> Response
    ) throws(Problem) -> Response {
        switch outcome {
        case .rejected(let rejection):
            throw Problem(rejection)
        case .replayed(let first):
            do {
                var response = try answer(first, of: action, expecting: receipt, respond: respond)
                response.headers[.idempotentReplayed] = "true"
                return response
            } catch {
                var problem = error
                problem.headers[.idempotentReplayed] = "true"
                throw problem
            }
        default:
            guard let receipt = receipt(outcome) else {
                throw Problem.internalError("a \(action.typeName) command answered with an outcome of another kind")
            }
            return respond(receipt)
        }
    }

    /// Runs `read` in one read transaction of the current state environment. The tables are
    /// opened before the transaction: the first open on a freshly installed snapshot needs a
    /// write transaction of its own.
    func readState<T>(_ read: (ConfigTables, ReadTransaction) throws -> T) throws -> T {
        let environment = consensus.stateStore.environment
        let tables = try ConfigTables(in: environment)
        return try environment.read { transaction in try read(tables, transaction) }
    }

    /// The headers that say which node answered.
    var nodeHeaders: HTTPFields {
        [.ecsNode: dependencies.nodeName, .ecsRegion: dependencies.region]
    }
}
