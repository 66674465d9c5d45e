import Foundation
import Hummingbird

/// The node's own endpoints: `/healthz`, `/readyz` (open) and `/v1/cluster/status` (platform admin).
extension APIServices {
    /// 200 while the process serves HTTP at all.
    func healthz() -> Response {
        JSONBody.response(status: .ok, body: ["status": "ok"], headers: nodeHeaders)
    }

    /// 200 when this node knows a leader and has applied its start-up backlog (see
    /// `ReadinessLatch`), 503 with the reason otherwise.
    func readyz() throws(Problem) -> Response {
        let verdict = readiness.isReady(consensus.status())
        guard verdict.ready else { throw .unavailable("not ready: \(verdict.reason)") }
        return JSONBody.response(
            status: .ok, body: ["status": "ready", "detail": .string(verdict.reason)], headers: nodeHeaders)
    }

    func clusterStatus(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        let status = consensus.status()
        let members: [JSONValue] = status.members.map { member in
            [
                "id": .string(member.id), "raftAddr": .string(member.raftAddr), "httpAddr": .string(member.httpAddr),
                "role": .string(member.role), "matchIndex": .integer(Int64(clamping: member.matchIndex)),
                "healthy": .bool(member.healthy),
            ]
        }
        let body: JSONValue = [
            "node": .string(status.node), "region": .string(status.region), "role": .string(status.role),
            "term": .integer(Int64(clamping: status.term)), "leader": status.leader.map(JSONValue.string) ?? .null,
            "commitIndex": .integer(Int64(clamping: status.commitIndex)),
            "appliedIndex": .integer(Int64(clamping: status.appliedIndex)), "members": .array(members),
        ]
        return JSONBody.response(status: .ok, body: body, headers: nodeHeaders)
    }
}
