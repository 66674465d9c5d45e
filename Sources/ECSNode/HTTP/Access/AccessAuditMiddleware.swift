import Admin
import Foundation
import HTTPTypes
import Hummingbird

/// Counts every read and every HTTP-level refusal (401, 403, 429) into the node's `AccessTally`,
/// for the audit trails: the one place that sees every route's final answer, so no route has to
/// remember to record its reads or its refusals.
///
/// Placed outside `ProblemMiddleware`, so it sees refusals as the statuses clients get. Counted
/// by route template (`GET /v1/tenants/{tenant}/config`), never by raw path, so a client cannot
/// grow the tally by varying keys or versions. Not counted: the public routes, paths no route
/// matches, writes that were not refused (their commands are audited when applied), answers
/// relayed from the leader (the leader counted them), and answers given for another region
/// (`X-ECS-Routed-To`: that region counts what it serves, and a strict tenant's audit must not
/// be stored here).
struct AccessAuditMiddleware<Context: RequestContext>: RouterMiddleware {
    let tally: AccessTally
    let verifier: TokenVerifier
    let now: @Sendable () -> Date

    /// Routes anyone may call; they read nothing of a tenant or the platform.
    static var publicRoutes: Set<String> { ["/v1/keys/signing", "/v1/openapi.json"] }

    /// The route prefix whose second parameter names the tenant the request is about.
    private static var tenantRoute: String { "/v1/tenants/{tenant}" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let authenticated = AuthenticatedIdentity()
        let response = try await AuthenticatedIdentity.$slot.withValue(authenticated) {
            try await next(request, context)
        }
        guard let kind = AccessCounter.Kind(status: response.status.code, method: request.method),
            let route = context.endpointPath, route.hasPrefix("/v1/"), !Self.publicRoutes.contains(route),
            response.headers[.ecsRelayedFrom] == nil, response.headers[.ecsRoutedTo] == nil,
            let namespace = Self.namespace(of: request, route: route)
        else { return response }
        let actor =
            response.status == .unauthorized
            ? AccessCounter.anonymous
            : await authenticatedSubject(of: request, authenticated) ?? AccessCounter.anonymous
        tally.count(
            AccessTally.Key(
                namespace: namespace, actor: actor, kind: kind, method: request.method.rawValue, route: route,
                status: response.status.code),
            at: RequestParsing.milliseconds(now()))
        return response
    }

    /// Who sent `request`: whom its route authenticated, else (refused before any route looked
    /// at the token) whom its token names, if it is valid.
    private func authenticatedSubject(of request: Request, _ authenticated: AuthenticatedIdentity) async -> String? {
        if let identity = authenticated.value { return identity.subject }
        return await verifier.verifiedSubject(of: request)
    }

    /// The tenant named by the path of a tenant route, the platform for every other route; `nil`
    /// when the path names no valid tenant (no trail could hold the record, and the request
    /// touched nothing).
    static func namespace(of request: Request, route: String) -> Namespace? {
        guard route.hasPrefix(tenantRoute) else { return .platform }
        let segments = request.uri.path.split(separator: "/", maxSplits: 3)
        guard segments.count >= 3 else { return nil }
        let tenant = String(segments[2])
        return Names.isValidName(tenant) ? .tenant(tenant) : nil
    }
}

extension AccessCounter.Kind {
    /// What an answer with `status` to a `method` request counts as: a refusal whatever the
    /// method, a read for GET and HEAD, nothing for an answered write.
    init?(status: Int, method: HTTPRequest.Method) {
        switch status {
        case 401, 403, 429: self = .denied
        default:
            guard method.isRead else { return nil }
            self = .read
        }
    }
}
