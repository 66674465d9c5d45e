import Hummingbird

/// The HTTP API of a node (`shared/spec/API.md`), as a Hummingbird router.
///
/// Every answer that is not a success is `application/problem+json` (`ProblemMiddleware`);
/// every route but `/healthz`, `/readyz`, `/v1/keys/signing` and `/v1/openapi.json` needs a
/// bearer token (`/metrics` a platform admin's; `MetricsListener` serves it without one); a request another region must serve is relayed there before its route runs
/// (`RegionMiddleware`). `HTTP/OpenAPI/openapi.json` documents every route registered here (and
/// `OpenAPITests` checks that it does, both ways).
func makeAPIRouter(_ dependencies: APIDependencies) -> Router<BasicRequestContext> {
    let api = APIServices(dependencies)
    let router = Router()
    router.add(middleware: HTTPMetricsMiddleware(metrics: .shared, usage: .shared))
    router.add(
        middleware: AccessAuditMiddleware(
            tally: dependencies.accessTally, verifier: api.verifier, now: dependencies.now))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: IsolationMiddleware(isolation: dependencies.isolation))
    router.add(
        middleware: RegionMiddleware(
            forwarder: api.regionForwarder, verifier: api.verifier, bodyLimit: dependencies.maximumBodyBytes,
            tenant: { name in
                try api.readState { tables, transaction in
                    try TenantDirectory(tables: tables).tenant(name, in: transaction)
                }
            }))

    router.get("/healthz") { _, _ in api.healthz() }
    router.get("/readyz") { _, _ in try api.readyz() }
    router.get("/v1/keys/signing") { _, _ in api.signingKeys() }
    router.get("/v1/openapi.json") { _, _ in api.openAPIDocument() }
    router.get("/metrics") { request, _ in try await api.metrics(request) }
    router.get("/v1/cluster/status") { request, _ in try await api.clusterStatus(request) }
    router.post("/v1/cluster/members") { request, _ in try await api.addMember(request) }
    router.post("/v1/cluster/members/:id/promote") { request, context in
        try await api.promoteMember(request, context: context)
    }
    router.delete("/v1/cluster/members/:id") { request, context in
        try await api.removeMember(request, context: context)
    }
    router.post("/v1/cluster/transfer-leadership") { request, _ in try await api.transferLeadership(request) }
    router.post(RouterPath(AccessReportDelivery.path)) { request, _ in try await api.recordAccessReport(request) }
    router.get("/v1/cluster/snapshot") { request, _ in try await api.clusterSnapshot(request) }
    router.post("/v1/cluster/isolate") { request, _ in try await api.isolate(request) }
    router.get("/v1/federation/outbox") { request, _ in try await api.federationOutbox(request) }
    router.get("/v1/federation/versions") { request, _ in try await api.federationVersions(request) }
    router.get("/v1/federation/status") { request, _ in try await api.federationStatus(request) }

    router.get("/v1/tenants") { request, _ in try await api.listTenants(request) }
    router.put("/v1/tenants/:tenant") { request, context in try await api.putTenant(request, context: context) }
    router.get("/v1/tenants/:tenant") { request, context in try await api.getTenant(request, context: context) }
    router.get("/v1/tenants/:tenant/config") { request, context in try await api.readConfig(request, context: context) }
    router.post("/v1/tenants/:tenant/sets/:set/rollback") { request, context in
        try await api.rollback(request, context: context)
    }
    router.get("/v1/tenants/:tenant/audit") { request, context in
        try await api.listAudit(request, context: context, platform: false)
    }
    router.get("/v1/tenants/:tenant/audit/verify") { request, context in
        try await api.verifyAudit(request, context: context, platform: false)
    }
    router.get("/v1/platform/audit") { request, context in
        try await api.listAudit(request, context: context, platform: true)
    }
    router.get("/v1/platform/audit/verify") { request, context in
        try await api.verifyAudit(request, context: context, platform: true)
    }
    router.get("/v1/tenants/:tenant/watch") { request, context in try await api.watch(request, context: context) }

    let set = "/v1/tenants/:tenant/sets/:set"
    router.get(RouterPath("\(set)/versions")) { request, context in
        try await api.listVersions(request, context: context)
    }
    router.get(RouterPath("\(set)/versions/:version")) { request, context in
        try await api.readVersion(request, context: context)
    }
    router.get(RouterPath("\(set)/diff")) { request, context in try await api.diffVersions(request, context: context) }
    router.post(RouterPath("\(set)/drafts")) { request, context in try await api.createDraft(request, context: context)
    }
    router.get(RouterPath("\(set)/drafts/:id")) { request, context in try await api.getDraft(request, context: context)
    }
    router.post(RouterPath("\(set)/drafts/:id/validate")) { request, context in
        try await api.validateDraft(request, context: context)
    }
    router.post(RouterPath("\(set)/drafts/:id/approve")) { request, context in
        try await api.approveDraft(request, context: context)
    }
    router.post(RouterPath("\(set)/drafts/:id/publish")) { request, context in
        try await api.publishDraft(request, context: context)
    }

    // Items and schemas have the same routes in a tenant's namespace and in the platform's.
    for (sets, platform) in [("/v1/tenants/:tenant/sets/:set", false), ("/v1/platform/sets/:set", true)] {
        let item = RouterPath("\(sets)/items/**")
        router.put(item) { request, context in try await api.putItem(request, context: context, platform: platform) }
        router.delete(item) { request, context in
            try await api.deleteItem(request, context: context, platform: platform)
        }
        let schema = RouterPath("\(sets)/schema")
        router.put(schema) { request, context in
            try await api.putSchema(request, context: context, platform: platform)
        }
        router.get(schema) { request, context in
            try await api.getSchema(request, context: context, platform: platform)
        }
        router.delete(schema) { request, context in
            try await api.deleteSchema(request, context: context, platform: platform)
        }
    }
    router.put("/v1/tenants/:tenant/sets/:set/policy") { request, context in
        try await api.putPolicy(request, context: context)
    }
    router.get("/v1/tenants/:tenant/sets/:set/policy") { request, context in
        try await api.getPolicy(request, context: context)
    }
    return router
}
