import Foundation
import Testing

extension ClusterTests {
    /// Issue 7: request limits on a real node — a client that trickles a request's head or body
    /// gets 408 once the configured time has passed, an oversized header block 431, both as
    /// problem documents on a closed connection; a client that is merely idle between requests,
    /// or reading a long watch stream, is not cut off; a tenant's watch streams per node are
    /// capped by its edition (429).
    @Suite(.timeLimit(.minutes(2)))
    struct SlowClientTests {
        static let config = "tuning:\n  request-head-timeout-ms: 1000\n  request-body-timeout-ms: 1000\n"

        @Test("slow heads and bodies get 408, huge headers 431; idle connections and watches are left alone")
        func slowClients() async throws {
            try ClusterTests.requireNodeBinary()
            try await LocalCluster.run(size: 1, config: Self.config, editions: ["two-watches": "{max-watches: 2}"]) {
                cluster in
                let node = try await cluster.awaitLeader()
                let auth = "Authorization: Bearer \(cluster.http.token)\r\n"

                // A head trickled over 4 s: answered 408 about a second after its first byte.
                let head = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: yes\r\n\r\n".utf8)
                let started = ContinuousClock.now
                let slowHead = try await RawHTTPExchange.send(
                    head, port: node.httpPort, pieces: 40, pause: .milliseconds(100), timeout: .seconds(10))
                #expect(slowHead.status == 408 && slowHead.closed, "\(slowHead.text)")
                #expect(slowHead.text.contains("urn:ecs:problem:request-timeout"), "\(slowHead.text)")
                #expect(ContinuousClock.now - started < .seconds(4), "the slow head was answered only at its end")

                // A body trickled after a complete head: 408 too.
                let body = Array(String(repeating: "1", count: 40).utf8)
                let put = Array(
                    ("PUT /v1/tenants/acme/sets/slow/items/k?scope=tenant HTTP/1.1\r\nHost: 127.0.0.1\r\n\(auth)"
                        + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n").utf8)
                let slowBody = try await RawHTTPExchange.send(
                    put + body, port: node.httpPort, pieces: put.count / 4 + 1, pause: .milliseconds(100),
                    timeout: .seconds(10))
                #expect(slowBody.status == 408 && slowBody.closed, "\(slowBody.text)")

                // 100 KiB of headers: 431 with a problem document.
                let huge = Array(
                    ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: \(String(repeating: "a", count: 100 << 10))"
                        + "\r\n\r\n").utf8)
                let tooLarge = try await RawHTTPExchange.send(huge, port: node.httpPort)
                #expect(tooLarge.status == 431 && tooLarge.closed, "\(tooLarge.text.prefix(400))")
                #expect(tooLarge.text.contains("urn:ecs:problem:headers-too-large"), "\(tooLarge.text.prefix(400))")

                // Idle for longer than the head timeout before sending anything: served normally.
                let quick = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
                let idleFirst = try await RawHTTPExchange.send(quick, port: node.httpPort, delay: .milliseconds(1500))
                #expect(idleFirst.status == 200, "\(idleFirst.text)")

                // A watch outlives both timeouts: still open, nothing but events and heartbeats.
                let watch = Array(
                    ("GET /v1/tenants/acme/watch HTTP/1.1\r\nHost: 127.0.0.1\r\n\(auth)"
                        + "Accept: text/event-stream\r\n\r\n").utf8)
                let stream = try await RawHTTPExchange.send(watch, port: node.httpPort, timeout: .milliseconds(2500))
                #expect(stream.status == 200 && !stream.closed, "\(stream.text.prefix(400))")

                // A tenant whose edition allows two watch streams per node: the third is 429.
                let created = try await cluster.http.send(
                    .PUT, "\(node.baseURL)/v1/tenants/watcher", json: Data(#"{"edition": "two-watches"}"#.utf8))
                #expect(created.status == 201, "\(created)")
                let watcher = Array(
                    ("GET /v1/tenants/watcher/watch HTTP/1.1\r\nHost: 127.0.0.1\r\n\(auth)"
                        + "Accept: text/event-stream\r\n\r\n").utf8)
                async let one = RawHTTPExchange.send(watcher, port: node.httpPort, timeout: .seconds(3))
                async let two = RawHTTPExchange.send(watcher, port: node.httpPort, timeout: .seconds(3))
                let third = try await RawHTTPExchange.send(
                    watcher, port: node.httpPort, delay: .milliseconds(1000), timeout: .seconds(2))
                #expect(third.status == 429, "\(third.text.prefix(400))")
                #expect(third.text.contains("urn:ecs:problem:too-many-watches"), "\(third.text.prefix(400))")
                let (first, second) = try await (one, two)
                #expect(
                    first.status == 200 && second.status == 200, "\(first.text.prefix(300)) \(second.text.prefix(300))")
            }
        }
    }
}
