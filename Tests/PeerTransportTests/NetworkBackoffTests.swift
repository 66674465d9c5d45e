import Raft
import Testing

@testable import PeerTransport

/// Reconnect delays: doubling, capped, jittered into the upper half, reset after success.
@Suite("ReconnectBackoff")
struct NetworkBackoffTests {
    @Test("delays double up to the cap and stay within the upper half of each ceiling")
    func doublingWithJitter() {
        var backoff = ReconnectBackoff(minimum: .milliseconds(50), maximum: .seconds(2))
        var random = SeededGenerator(seed: 3)
        var ceiling = Duration.milliseconds(50)
        for _ in 0..<12 {
            let delay = backoff.next(using: &random)
            #expect(delay >= ceiling / 2 && delay <= ceiling)
            ceiling = min(ceiling * 2, .seconds(2))
        }
        backoff.reset()
        #expect(backoff.next(using: &random) <= .milliseconds(50))
    }
}
