import Admin
import Foundation
import Synchronization
import Testing

/// `FailoverDrill` against a region answered by a script: the refusals before anything is
/// touched, and that a drill that times out still ends the old leader's isolation.
@Suite("Failover drill")
struct FailoverDrillTests {
    /// Answers each request with `answer(request, endpoint base URL)` and records what was sent.
    final class RegionScript: AdminTransport {
        private let answer: @Sendable (AdminRequest, String) -> AdminResponse
        private let sent = Mutex<[(request: AdminRequest, endpoint: String)]>([])

        init(_ answer: @escaping @Sendable (AdminRequest, String) -> AdminResponse) {
            self.answer = answer
        }

        var requests: [(request: AdminRequest, endpoint: String)] { sent.withLock { $0 } }

        func send(_ request: AdminRequest, to endpoint: Endpoint) async throws(TransportFailure) -> AdminResponse {
            sent.withLock { $0.append((request, endpoint.baseURL)) }
            return answer(request, endpoint.baseURL)
        }
    }

    /// A status answered by `node`, which sees `leader` lead in `term` over `voters` voters.
    static func status(node: String, leader: String?, term: Int, voters: Int = 3) -> AdminResponse {
        let members = (1...voters).map { index in
            #"{"healthy":true,"httpAddr":"127.0.0.1:808\#(index)","id":"n\#(index)","matchIndex":9,"#
                + #""raftAddr":"127.0.0.1:908\#(index)","role":"voter"}"#
        }
        let leaderJSON = leader.map { "\"\($0)\"" } ?? "null"
        let role = node == leader ? "leader" : "follower"
        return .json(
            200,
            #"{"appliedIndex":9,"commitIndex":9,"leader":\#(leaderJSON),"members":[\#(members.joined(separator: ","))],"#
                + #""node":"\#(node)","region":"eu","role":"\#(role)","term":\#(term)}"#)
    }

    static func drill(_ transport: RegionScript, isolationSeconds: Int = 30) throws -> FailoverDrill {
        let client = AdminClient(
            endpoints: [try Endpoint(parsing: "http://127.0.0.1:8081")], token: "t", transport: transport)
        var drill = FailoverDrill(client: client, isolationSeconds: isolationSeconds, rejoinTimeout: .seconds(1))
        drill.pollInterval = .milliseconds(10)
        return drill
    }

    @Test("no leader, or fewer than 3 voters: refused before anything is isolated")
    func refusals() async throws {
        let leaderless = RegionScript { _, _ in Self.status(node: "n1", leader: nil, term: 3) }
        await #expect(throws: DrillError.noLeader(node: "n1")) { try await Self.drill(leaderless).run() }
        let pair = RegionScript { _, _ in Self.status(node: "n1", leader: "n1", term: 3, voters: 2) }
        await #expect(throws: DrillError.tooFewVoters(2)) { try await Self.drill(pair).run() }
        for script in [leaderless, pair] {
            #expect(script.requests.map(\.request.path) == ["/v1/cluster/status"])
        }
    }

    @Test("no new leader within the isolation: timed out, and the old leader's isolation is ended")
    func timeoutEndsIsolation() async throws {
        let script = RegionScript { request, endpoint in
            switch request.path {
            case "/v1/cluster/status":
                // Every survivor still follows n1 in the same term: no failover happens.
                return Self.status(node: "n\(endpoint.suffix(1))", leader: "n1", term: 3)
            case "/v1/cluster/isolate":
                return .json(200, #"{"isolated":true,"node":"n1","seconds":1}"#)
            default:
                return .json(
                    200,
                    #"{"createdAt":"2026-01-02T03:04:05Z","edition":"free","homeRegion":"eu","residency":"strict","#
                        + #""tenant":"ecs-drill"}"#)
            }
        }
        await #expect {
            try await Self.drill(script, isolationSeconds: 1).run()
        } throws: { error in
            guard case .timedOut(let phase, _) = error as? DrillError else { return false }
            return phase == "a new leader"
        }
        let isolations = script.requests.filter { $0.request.path == "/v1/cluster/isolate" }
        #expect(isolations.map(\.endpoint) == ["http://127.0.0.1:8081", "http://127.0.0.1:8081"])
        #expect(
            isolations.map { String(decoding: $0.request.body ?? [], as: UTF8.self) } == [
                #"{"seconds":1}"#, #"{"seconds":0}"#,
            ])
        let asked = Set(script.requests.filter { $0.request.path == "/v1/cluster/status" }.map(\.endpoint))
        #expect(asked == ["http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083"])
    }
}
