import Admin
import Hummingbird

/// The membership routes of a region (platform admin only, leader only: a follower forwards
/// them like writes):
/// - `POST /v1/cluster/members` `{"id", "raftAddr", "httpAddr", "role": "voter"|"learner"}` → 201
/// - `POST /v1/cluster/members/{id}/promote` → 200
/// - `DELETE /v1/cluster/members/{id}` → 200 (the leader removing itself hands leadership over first)
/// - `POST /v1/cluster/transfer-leadership` `{"to"?: id}` → 200
///
/// Checks run in the order 401, 403, 400; a change that does not fit the current membership is
/// 409 (404 for an unknown member).
extension APIServices {
    func addMember(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let member = try NewMember(RequestParsing.jsonValue(body))
        let record = MemberRecord(
            name: member.id, raftAddress: member.raftAddress, httpAddress: member.httpAddress,
            region: dependencies.region)
        let change = MembershipChange.add(record, learner: member.isLearner)
        return try await changeMembership(change, request: request, body: body, status: .created) { index in
            [
                "id": .string(member.id), "raftAddr": .string(member.raftAddress),
                "httpAddr": .string(member.httpAddress), "role": .string(member.isLearner ? "learner" : "voter"),
                "index": .integer(Int64(clamping: index)),
            ]
        }
    }

    func promoteMember(_ request: Request, context: some RequestContext) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let id = try RequestParsing.name("id", in: context)
        return try await changeMembership(.promote(name: id), request: request, body: nil, status: .ok) { index in
            ["id": .string(id), "role": "voter", "index": .integer(Int64(clamping: index))]
        }
    }

    func removeMember(_ request: Request, context: some RequestContext) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let id = try RequestParsing.name("id", in: context)
        let handedOver = try await handOverLeadership(beforeRemoving: id)
        return try await changeMembership(
            .remove(name: id), request: request, body: nil, status: .ok, forwardingAgain: handedOver
        ) { index in
            ["id": .string(id), "index": .integer(Int64(clamping: index))]
        }
    }

    /// A leader asked to remove itself first hands leadership to the most caught-up healthy
    /// voter, and the removal then runs on that new leader. Removing the leader directly works
    /// in Raft (it steps down once it applies its own removal, thesis §4.2.2), but clients pay
    /// for it: every write it had proposed and not yet applied is left with an unknown outcome
    /// (the removed node never learns whether the others committed it), and the region has no
    /// leader for an election timeout. A transfer instead lets the old leader apply what it
    /// proposed, as a follower, before it leaves. Returns whether leadership was handed over.
    private func handOverLeadership(beforeRemoving id: String) async throws(Problem) -> Bool {
        let status = consensus.status()
        // The last voter is not handed over from: its removal is refused (409) as it is.
        guard id == dependencies.nodeName, status.role == "leader",
            status.members.contains(where: { $0.role == "voter" && $0.id != id })
        else { return false }
        do {
            _ = try await consensus.transferLeadership(to: nil)
            return true
        } catch {
            throw .unavailable("this leader could not hand leadership over before its removal (\(error)); retry")
        }
    }

    func transferLeadership(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let target = try Self.transferTarget(body)
        let transfer = { () async throws(ConsensusError) in try await consensus.transferLeadership(to: target) }
        switch try await onLeader(request, body: body, transfer) {
        case .forwarded(let response):
            return response
        case .local(let leader):
            return JSONBody.response(status: .ok, body: ["leader": .string(leader)], headers: nodeHeaders)
        }
    }

    /// Proposes `change` on the leader and answers `status` with `answer(index)`;
    /// `forwardingAgain` as for `onLeader`.
    private func changeMembership(
        _ change: MembershipChange, request: Request, body: ByteBuffer?, status: HTTPResponse.Status,
        forwardingAgain: Bool = false, answer: (UInt64) -> JSONValue
    ) async throws(Problem) -> Response {
        let call = { () async throws(ConsensusError) in try await consensus.changeMembership(change) }
        switch try await onLeader(request, body: body, forwardingAgain: forwardingAgain, call) {
        case .forwarded(let response):
            return response
        case .local(let index):
            return JSONBody.response(status: status, body: answer(index), headers: nodeHeaders)
        }
    }

    /// The `to` of a transfer body: nil for an empty body, `{}` or `{"to": null}`.
    private static func transferTarget(_ body: ByteBuffer) throws(Problem) -> String? {
        guard body.readableBytesView.contains(where: { !Self.isJSONWhitespace($0) }) else { return nil }
        let members = try JSONObjectBody.object(RequestParsing.jsonValue(body), allowed: ["to"])
        switch members["to"] {
        case nil, .null?:
            return nil
        case .string(let name)? where Names.isValidName(name):
            return name
        default:
            throw JSONObjectBody.invalid("to", code: "invalid-name", "to must be a node id: ^[a-z0-9][a-z0-9-]{0,62}$")
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}

/// The body of `POST /v1/cluster/members`, validated.
private struct NewMember {
    var id: String
    var raftAddress: String
    var httpAddress: String
    var isLearner: Bool

    init(_ json: JSONValue) throws(Problem) {
        let members = try JSONObjectBody.object(json, allowed: ["id", "raftAddr", "httpAddr", "role"])
        var violations: [Violation] = []
        func string(_ name: String) -> String? {
            switch members[name] {
            case .string(let text)?: return text
            case nil, .null?:
                violations.append(Violation(code: "required", path: name, message: "\(name) is required"))
            default:
                violations.append(Violation(code: "invalid-type", path: name, message: "\(name) must be a string"))
            }
            return nil
        }
        let id = string("id")
        if let id, !Names.isValidName(id) {
            violations.append(
                Violation(code: "invalid-name", path: "id", message: "node ids match ^[a-z0-9][a-z0-9-]{0,62}$"))
        }
        let raftAddress = string("raftAddr")
        let httpAddress = string("httpAddr")
        for (name, address) in [("raftAddr", raftAddress), ("httpAddr", httpAddress)] {
            guard let address else { continue }
            if (try? HostPort(parsing: address, flag: name)) == nil {
                violations.append(
                    Violation(
                        code: "invalid-address", path: name,
                        message: "\(name) must be host:port with a port in 1-65535 ('[::1]:9081' for IPv6)"))
            }
        }
        if let raftAddress, raftAddress == httpAddress {
            violations.append(
                Violation(code: "invalid-address", path: "httpAddr", message: "httpAddr must differ from raftAddr"))
        }
        let role = string("role")
        if let role, role != "voter" && role != "learner" {
            violations.append(Violation(code: "invalid-role", path: "role", message: "role is voter or learner"))
        }
        guard violations.isEmpty, let id, let raftAddress, let httpAddress, let role else {
            throw .badRequest("the new member is invalid", violations: violations)
        }
        self.id = id
        self.raftAddress = raftAddress
        self.httpAddress = httpAddress
        self.isLearner = role == "learner"
    }
}
