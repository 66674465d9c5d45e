import Admin
import Foundation
import Testing

extension ClusterTests {
    /// Issue 7: malformed and hostile requests against a real 3-node region — bad JSON, wrong
    /// types, huge and empty bodies, invalid UTF-8, path tricks, clashing framing, bad tokens.
    /// Each gets a 4xx (never a 500, never a dropped connection without an answer), and every
    /// node still serves and writes afterwards.
    @Suite(.timeLimit(.minutes(2)))
    struct HostileInputTests {
        /// One hostile request: what is sent (raw, `Connection: close` added) and the statuses
        /// that are a correct answer.
        struct Case: CustomStringConvertible {
            var name: String
            var method = "GET"
            var target: String
            /// Bytes that replace `target` on the request line, for targets that are not UTF-8.
            var rawTarget: [UInt8]? = nil
            var headers: [String] = []
            var body: [UInt8] = []
            var expected: Set<Int>
            var description: String { name }
        }

        @Test("hostile input gets a 4xx from every node, never a 500 or a crash; the region still serves")
        func hostileInput() async throws {
            try ClusterTests.requireNodeBinary()
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                let secret = try String(contentsOf: cluster.secretFile, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let tenantToken = try await AdminToken.mint(
                    secret: secret, tenant: "acme", permissions: [.read, .write])
                let cases = Self.cases(admin: cluster.http.token, tenant: tenantToken)
                for (position, testCase) in cases.enumerated() {
                    let node = cluster.voters[position % cluster.voters.count]
                    let answer = try await RawHTTPExchange.send(Self.request(testCase), port: node.httpPort)
                    #expect(
                        answer.status.map(testCase.expected.contains) == true,
                        "\(testCase) on \(node.id): \(answer.text.prefix(600))")
                }
                for node in cluster.voters {
                    #expect(cluster.isRunning(node.id), "\(node.id) stopped")
                    let ready = try await cluster.http.send(.GET, "\(node.baseURL)/readyz")
                    #expect(ready.status == 200, "\(node.id) is not ready after the hostile input")
                }
                let write = try await cluster.http.putItem(
                    leader.baseURL, tenant: "acme", set: "after", key: "k", value: 1)
                #expect([200, 201].contains(write.status), "\(write)")
            }
        }

        /// The request bytes of `testCase`.
        static func request(_ testCase: Case) -> [UInt8] {
            let target = testCase.rawTarget ?? Array(testCase.target.utf8)
            var head = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            for header in testCase.headers { head += header + "\r\n" }
            if !testCase.body.isEmpty
                && !testCase.headers.contains(where: { $0.lowercased().hasPrefix("content-length") })
            {
                head += "Content-Length: \(testCase.body.count)\r\n"
            }
            return Array("\(testCase.method) ".utf8) + target + Array((head + "\r\n").utf8) + testCase.body
        }

        static func cases(admin: String, tenant: String) -> [Case] {
            let json = "Content-Type: application/json"
            let asAdmin = "Authorization: Bearer \(admin)"
            let asTenant = "Authorization: Bearer \(tenant)"
            let item = "/v1/tenants/acme/sets/hostile/items/k?scope=tenant"
            return [
                // Bodies.
                Case(
                    name: "truncated JSON", method: "PUT", target: item, headers: [asTenant, json],
                    body: Array(#"{"a":"#.utf8), expected: [400]),
                Case(
                    name: "JSON with a trailing comma", method: "PUT", target: item, headers: [asTenant, json],
                    body: Array("[1,]".utf8), expected: [400]),
                Case(
                    name: "empty body on an item write", method: "PUT", target: item, headers: [asTenant, json],
                    expected: [400]),
                Case(
                    name: "invalid UTF-8 inside a JSON string", method: "PUT", target: item, headers: [asTenant, json],
                    body: [0x22, 0xFF, 0xFE, 0x22], expected: [400]),
                Case(
                    name: "nesting 100,000 deep", method: "PUT", target: item, headers: [asTenant, json],
                    body: Array(repeating: UInt8(ascii: "["), count: 100_000), expected: [400]),
                Case(
                    name: "a body beyond every limit (2 MiB)", method: "PUT", target: item, headers: [asTenant, json],
                    body: Array(repeating: UInt8(ascii: "1"), count: 2 << 20), expected: [413]),
                Case(
                    name: "a tenant whose edition is a number", method: "PUT", target: "/v1/tenants/typed",
                    headers: [asAdmin, json], body: Array(#"{"edition": 5}"#.utf8), expected: [400]),
                Case(
                    name: "a tenant body that is an array", method: "PUT", target: "/v1/tenants/typed",
                    headers: [asAdmin, json], body: Array("[]".utf8), expected: [400]),
                Case(
                    name: "a draft whose changes are a string", method: "POST",
                    target: "/v1/tenants/acme/sets/hostile/drafts", headers: [asTenant, json],
                    body: Array(#"{"changes": "all"}"#.utf8), expected: [400]),
                Case(
                    name: "a transfer target that is an object", method: "POST",
                    target: "/v1/cluster/transfer-leadership", headers: [asAdmin, json],
                    body: Array(#"{"to": {}}"#.utf8), expected: [400]),
                // Paths and queries.
                Case(
                    name: "dot segments climbing out of a tenant", target: "/v1/tenants/acme/../../v1/cluster/status",
                    headers: [asTenant], expected: [400, 403, 404]),
                Case(
                    name: "encoded dot segments", target: "/v1/tenants/acme/%2e%2e/%2e%2e/v1/cluster/status",
                    headers: [asTenant], expected: [400, 403, 404]),
                Case(
                    name: "an encoded slash in a tenant name", target: "/v1/tenants/acme%2F..%2Fother/config?env=prod",
                    headers: [asTenant], expected: [400, 403, 404]),
                Case(
                    name: "invalid UTF-8 in the path", target: "/v1/tenants/%FF%FE/config?env=prod",
                    headers: [asTenant], expected: [400, 403, 404]),
                Case(
                    name: "raw invalid UTF-8 bytes in the path", target: "",
                    rawTarget: Array("/v1/tenants/".utf8) + [0xFF, 0xFE],
                    headers: [asTenant], expected: [400, 403, 404]),
                Case(
                    name: "a NUL in a key", method: "PUT",
                    target: "/v1/tenants/acme/sets/hostile/items/a%00b?scope=tenant", headers: [asTenant, json],
                    body: Array("1".utf8), expected: [400]),
                Case(
                    name: "a scope that is not one", method: "PUT",
                    target: "/v1/tenants/acme/sets/hostile/items/k?scope=../global", headers: [asTenant, json],
                    body: Array("1".utf8), expected: [400]),
                Case(
                    name: "minIndex that is not a number", target: "/v1/tenants/acme/config?env=prod&minIndex=-1",
                    headers: [asTenant], expected: [400]),
                Case(
                    name: "a 60 KiB query",
                    target: "/v1/tenants/acme/config?env=prod&keys=" + String(repeating: "k,", count: 30_000),
                    headers: [asTenant], expected: [414, 431]),
                // Framing.
                Case(
                    name: "a request line that is not HTTP", method: "HELLO", target: "there",
                    expected: [400, 404, 405]),
                Case(
                    name: "Content-Length and Transfer-Encoding together", method: "PUT", target: item,
                    headers: [asTenant, json, "Content-Length: 1", "Transfer-Encoding: chunked"],
                    body: Array("0\r\n\r\n".utf8), expected: [400]),
                Case(
                    name: "a negative Content-Length", method: "PUT", target: item,
                    headers: [asTenant, json, "Content-Length: -5"], expected: [400]),
                Case(
                    name: "a header of 200 KiB", target: "/healthz",
                    headers: ["X-Junk: " + String(repeating: "a", count: 200 << 10)], expected: [431]),
                // Tokens.
                Case(
                    name: "a token that is not a JWT", target: "/v1/tenants/acme/config?env=prod",
                    headers: ["Authorization: Bearer not-a-token"], expected: [401]),
                Case(
                    name: "alg none", target: "/v1/cluster/status",
                    headers: ["Authorization: Bearer " + Self.unsignedToken()], expected: [401]),
                Case(
                    name: "signed with another secret", target: "/v1/cluster/status",
                    headers: ["Authorization: Bearer " + Self.foreignToken(admin)], expected: [401]),
                Case(
                    name: "a Basic credential", target: "/v1/cluster/status",
                    headers: ["Authorization: Basic YWRtaW46YWRtaW4="], expected: [401]),
                Case(
                    name: "a tenant's token on a cluster route", target: "/v1/cluster/status", headers: [asTenant],
                    expected: [403]),
            ]
        }

        /// A platform admin's claims with `alg: none` and no signature.
        static func unsignedToken() -> String {
            let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URLEncoded
            let claims = Data(
                #"{"sub":"mallory","tenant":"*","scope":"ecs:admin ecs:read ecs:write","exp":4102444800}"#.utf8
            )
            .base64URLEncoded
            return "\(header).\(claims)."
        }

        /// `token` with its signature replaced: what a token of another secret looks like here.
        static func foreignToken(_ token: String) -> String {
            let parts = token.split(separator: ".")
            return "\(parts[0]).\(parts[1]).\(Data(repeating: 7, count: 32).base64URLEncoded)"
        }
    }
}

extension Data {
    /// Base64url without padding, as JWTs are written.
    fileprivate var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
