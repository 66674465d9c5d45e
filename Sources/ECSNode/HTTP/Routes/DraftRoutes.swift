import Admin
import HTTPTypes
import Hummingbird

/// A tenant set's drafts (`shared/spec/API.md`, "Drafts, review and publish"):
/// - `POST /v1/tenants/{t}/sets/{set}/drafts` (`ecs:write`) → 201, the stored draft: any
///   well-formed change list, valid or not (400 when malformed);
/// - `GET …/drafts/{id}` (`ecs:read`) → 200, the draft; linearizable unless `consistency=local`;
/// - `POST …/drafts/{id}/validate` (`ecs:read`, a read: nothing is logged) → 200 `{"valid",
///   "violations"}`: `DraftCheck` against the set's head, as publish would run it;
/// - `POST …/drafts/{id}/approve` (`ecs:approve`) → 200, the draft with the approval; 403 for
///   its author;
/// - `POST …/drafts/{id}/publish` (`ecs:write`) → 201 with the write response body: one new
///   version with all the draft's changes; 409 without a required approval, 422 while invalid.
///
/// An unknown draft is 404, and validating, approving or publishing a published one 409. The
/// POSTs that change state honour `Idempotency-Key` like item writes; creating and publishing
/// count against the tenant's edition limits like writes (`admitDraft`, `admitDraftPublish`).
extension APIServices {
    func createDraft(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context, needing: .write)
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let create = try DraftBodies.create(from: RequestParsing.jsonValue(body), in: address)
        let idempotencyKey = try RequestParsing.idempotencyKey(request)
        try admitDraft(to: address, values: create.changes.compactMap(\.value), bodyBytes: body.readableBytes)
        return try await proposeCommand(
            .createDraft(create), by: identity, request: request, body: body, idempotencyKey: idempotencyKey,
            expecting: { if case .draft(let receipt) = $0 { receipt } else { nil } }
        ) { receipt in
            var response = draftResponse(receipt, status: .created)
            response.headers[.location] = "/v1/tenants/\(address.tenant)/sets/\(address.set)/drafts/\(receipt.draft.id)"
            return response
        }
    }

    func getDraft(_ request: Request, context: some RequestContext) async throws -> Response {
        let (_, address) = try await authorizedSet(request, context: context, needing: .read)
        let id = try draftID(in: context, of: address)
        var query = QueryReader(request)
        let consistency = query.consistency()
        guard query.violations.isEmpty else { throw query.refusal }
        return try await readTenantState(of: address.tenant, request: request, consistency: consistency) {
            tables, transaction in
            guard let draft = try DraftTable(tables: tables).draft(id, of: address, in: transaction) else {
                throw Problem(Rejection.unknownDraft(id.description, of: address))
            }
            return DraftBodies.draft(DraftReceipt(address: address, draft: draft))
        }
    }

    func validateDraft(_ request: Request, context: some RequestContext) async throws -> Response {
        let (_, address) = try await authorizedSet(request, context: context, needing: .read)
        let id = try draftID(in: context, of: address)
        return try await readTenantState(of: address.tenant, request: request, consistency: .linearizable) {
            tables, transaction in
            guard let tenant = try TenantDirectory(tables: tables).tenant(address.tenant, in: transaction) else {
                throw Problem.unknownTenant(address.tenant)
            }
            let draft: DraftRecord
            switch try DraftTable(tables: tables).openDraft(id, of: address, in: transaction) {
            case .refused(let rejection): throw Problem(rejection)
            case .open(let found): draft = found
            }
            let check = DraftCheck(tables: tables, transaction: transaction, schemaCache: .shared)
            let refusal = try check.refusal(of: draft, to: address, edition: tenant.edition)
            let history = try SetHistory(of: address.namespace, address.set, tables: tables, transaction: transaction)
            return DraftBodies.validation(of: id, refusal: refusal, version: history?.head.headVersion ?? 0)
        }
    }

    func approveDraft(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context, needing: .approve)
        let reference = DraftReference(address: address, id: try draftID(in: context, of: address))
        return try await proposeCommand(
            .approveDraft(reference), by: identity, request: request, body: nil,
            idempotencyKey: try RequestParsing.idempotencyKey(request),
            expecting: { if case .draft(let receipt) = $0 { receipt } else { nil } },
            respond: { draftResponse($0, status: .ok) })
    }

    func publishDraft(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context, needing: .write)
        let reference = DraftReference(address: address, id: try draftID(in: context, of: address))
        let idempotencyKey = try RequestParsing.idempotencyKey(request)
        try admitDraftPublish(of: reference.id, to: address)
        return try await proposeCommand(
            .publishDraft(reference), by: identity, request: request, body: nil, idempotencyKey: idempotencyKey,
            expecting: { if case .written(let receipt) = $0 { receipt } else { nil } },
            respond: { writeResponse($0, status: .created) })
    }

    /// The `{id}` of a draft route; 404 for text that is no draft's id.
    private func draftID(in context: some RequestContext, of address: SetAddress) throws(Problem) -> DraftID {
        let text = context.parameters.get("id") ?? ""
        guard let id = DraftID(parsing: text) else { throw Problem(Rejection.unknownDraft(text, of: address)) }
        return id
    }

    private func draftResponse(_ receipt: DraftReceipt, status: HTTPResponse.Status) -> Response {
        JSONBody.response(status: status, body: DraftBodies.draft(receipt), headers: nodeHeaders)
    }
}
