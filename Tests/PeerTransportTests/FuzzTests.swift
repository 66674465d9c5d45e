import PeerTransport
import Raft
import Testing

/// Hostile input must end in frames or a `PeerFrameError`: never a crash, a hang, or an
/// allocation the input's size does not justify. The error type is guaranteed by the typed
/// `throws(PeerFrameError)`; `Fuzz.run` checks the rest in a child process. A failure
/// prints the base seed and the iteration: `PEER_FUZZ_SEED=<seed> swift test --filter
/// FuzzTests` replays the run. Serialized: waiting for an exit test's child holds a thread of
/// Swift's small cooperative pool, and two at once would stall every other async test meanwhile.
@Suite("Fuzzing the decoder", .serialized)
struct FuzzTests {
    static let iterations = 200_000

    @Test("random byte strings", .timeLimit(.minutes(5)))
    func randomBytes() async {
        let seed = Fuzz.seed(default: 0xEC5_0001)
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            [seed = seed as UInt64] in
            Fuzz.run("random", seed: seed, iterations: FuzzTests.iterations) { FuzzTests.randomInput(using: &$0) }
        }
        Fuzz.expectPassed(result, seed: seed)
    }

    @Test("mutations of valid frames", .timeLimit(.minutes(5)))
    func mutations() async {
        let seed = Fuzz.seed(default: 0xEC5_0002)
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            [seed = seed as UInt64] in
            let mutator = FuzzTests.mutator(seed: seed)
            Fuzz.run("mutations", seed: seed, iterations: FuzzTests.iterations) { mutator.mutant(using: &$0) }
        }
        Fuzz.expectPassed(result, seed: seed)
    }

    /// Up to 512 random bytes; two thirds start with a plausible header (version 1, a known
    /// kind, a length near the input's), and half of those with a small batch count and a
    /// valid message type, so that noise gets past the header checks into the payload.
    static func randomInput(using random: inout SeededGenerator) -> [UInt8] {
        var input = random.bytes(count: Int.random(in: 0...512, using: &random))
        let style = Int.random(in: 0..<6, using: &random)
        guard style >= 2, input.count > 10 else { return input }
        let length =
            Int64(input.count - 4) + (Bool.random(using: &random) ? 0 : Int64.random(in: -4...4, using: &random))
        input.setBigEndian(UInt32(clamping: length), at: 0)
        input[4] = 1
        input[5] = UInt8.random(in: 1...3, using: &random)
        if style >= 4 {
            input[5] = 2
            input.setBigEndian(UInt32.random(in: 1...3, using: &random), at: 6)
            input[10] = UInt8.random(in: 0...13, using: &random)
        }
        return input
    }

    /// A mutator over 512 small valid frames: tiny payloads make mutations land on
    /// structure (counts, enums, lengths) rather than on opaque data.
    static func mutator(seed: UInt64) -> FrameMutator {
        var generator = FrameGenerator(seed: seed, maxDataCount: 8)
        let codec = PeerFrameCodec()
        let corpus = (0..<512).map { _ in try! codec.bytes(of: [generator.frame()]) }
        return FrameMutator(corpus: corpus, maxFrameLength: codec.maxFrameLength)
    }
}
