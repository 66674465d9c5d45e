import Hummingbird

/// `GET /v1/tenants/{t}/watch?sets=a,b`: the tenant's config changes as Server-Sent Events,
/// served by every node from its own applied state (`WatchStream`).
///
/// Authentication, authorization and the request's parameters are checked before the stream
/// starts, so each refusal is an ordinary problem response (401, 403, 400); once the `200`
/// is sent, the stream only ends.
extension APIServices {
    func watch(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.require(.read, in: context.parameters.get("tenant") ?? "")
        let tenant = try RequestParsing.name("tenant", in: context)
        let watch = try WatchRequest(request, tenant: tenant)

        let start = watch.lastEventID ?? consensus.status().appliedIndex
        let stream = WatchStream(
            consensus: consensus, filter: watch.filter, region: dependencies.region,
            heartbeatInterval: dependencies.watchHeartbeatInterval, logger: context.logger)
        var headers = nodeHeaders
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await stream.run(after: start, writer: &writer)
                try await writer.finish(nil)
            })
    }
}
