import Foundation
import NIOCore
import PeerTransport
import Raft
import Testing

/// The fuzz loop shared by both input sources. It runs inside an exit test, in a child
/// process of its own: a crash then fails one test instead of ending the whole suite, and
/// the child's peak virtual memory belongs to the fuzz loop alone (the suite's other tests,
/// LMDB maps included, would swamp it in the parent).
///
/// Swift Testing hands back a child's output only when its exit condition matches, and the
/// output (seed, failing inputs, a crash's backtrace) is what a failure needs. So a passing
/// child ends with `passedExitCode`, the test expects `.failure` (any status but success),
/// and `expectPassed` then requires exactly `passedExitCode`. (A child that exits with
/// success fails the `.failure` expectation itself.)
enum Fuzz {
    /// Peak virtual memory a run may add. A checked decode of these inputs needs a few
    /// kilobytes; a count trusted without the check reserves gigabytes.
    static let memoryGrowthLimit = 256 << 20

    /// The status of a child whose run found nothing wrong; see above.
    static let passedExitCode: CInt = 42

    /// A run stops after this many failing inputs rather than flooding the log.
    static let maxFailures = 10

    /// The base seed, overridden by `PEER_FUZZ_SEED` (decimal or 0x-hex) to replay a run.
    static func seed(default value: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment["PEER_FUZZ_SEED"] else { return value }
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16)! : UInt64(text)!
    }

    /// What decoding one input as a stream ended with.
    enum Outcome: Hashable, CustomStringConvertible {
        /// Every byte decoded into frames.
        case complete
        /// Frames, then an incomplete frame the decoder waits on.
        case waiting
        /// A typed error, named by `name(of:)`.
        case error(String)
        /// The input exposed a bug, already reported.
        case failed

        var description: String {
            switch self {
            case .complete: "complete"
            case .waiting: "waiting"
            case .error(let name): name
            case .failed: "FAILED"
            }
        }
    }

    /// Decodes `iterations` inputs drawn by `input` from generators seeded `seed + i`, and
    /// ends the (child) process: with `passedExitCode`, or with `EXIT_FAILURE` if an input
    /// exposed a bug or the run's memory grew past `memoryGrowthLimit`. Reports go to
    /// standard error, which is unbuffered, so that even a crash leaves the seed behind.
    static func run(_ name: String, seed: UInt64, iterations: Int, input: (inout SeededGenerator) -> [UInt8]) {
        let seedText = "0x" + String(seed, radix: 16)
        report("fuzz \(name): seed \(seedText); PEER_FUZZ_SEED=\(seedText) replays this run")
        let codec = PeerFrameCodec()
        let memoryBefore = peakVirtualMemory()
        let start = ContinuousClock.now
        var outcomes: [Outcome: Int] = [:]
        for iteration in 0..<iterations where outcomes[.failed, default: 0] < maxFailures {
            var random = SeededGenerator(seed: seed &+ UInt64(iteration))
            let bytes = input(&random)
            let outcome = check(bytes, codec: codec) { "seed \(seedText) iteration \(iteration) input \(bytes.hex)" }
            outcomes[outcome, default: 0] += 1
        }
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let growth = peakVirtualMemory().flatMap { after in memoryBefore.map { after - $0 } }
        let summary = outcomes.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }
        report(
            "fuzz \(name): \(outcomes.values.reduce(0, +)) inputs in \(String(format: "%.1f", seconds)) s, "
                + "peak VM +\(growth.map { "\($0 >> 10) KiB" } ?? "unknown") — " + summary.joined(separator: ", "))
        if let growth, growth >= memoryGrowthLimit {
            report("FAIL: peak virtual memory grew by \(growth) bytes; seed \(seedText)")
            exit(EXIT_FAILURE)
        }
        exit(outcomes[.failed] == nil ? passedExitCode : EXIT_FAILURE)
    }

    /// Requires that the child ran to the end and found nothing wrong. Shows what it
    /// reported either way: the coverage summary, or the failures and the seed to replay them.
    static func expectPassed(_ result: ExitTest.Result?, seed: UInt64) {
        guard let result else { return }  // The child exited successfully: `run` never returned.
        let output = String(decoding: result.standardErrorContent, as: UTF8.self)
        guard result.exitStatus == .exitCode(passedExitCode) else {
            Issue.record("fuzz run with seed 0x\(String(seed, radix: 16)) ended with \(result.exitStatus):\n\(output)")
            return
        }
        print(output, terminator: "")
    }

    /// Decodes `input` as a stream of frames until it is used up, waits for more, or throws.
    /// Every decoded frame must encode back to exactly the bytes it was read from (so the
    /// decoder produced a valid frame, and the format has one encoding per value), and the
    /// loop must end within one frame per six bytes (the smallest frame), so a decoder that
    /// consumed nothing yet returned a frame is caught instead of hanging.
    private static func check(_ input: [UInt8], codec: PeerFrameCodec, describe: () -> String) -> Outcome {
        var buffer = ByteBuffer(bytes: input)
        for _ in 0...(input.count / 6) {
            let start = buffer.readerIndex
            let frame: PeerFrame?
            do {
                frame = try codec.decode(from: &buffer)
            } catch {
                guard buffer.readerIndex == start else {
                    report("FAIL: failed decode consumed bytes; \(describe())")
                    return .failed
                }
                return .error(name(of: error))
            }
            guard let frame else { return buffer.readableBytes == 0 ? .complete : .waiting }
            guard (try? codec.bytes(of: [frame]))?.elementsEqual(input[start..<buffer.readerIndex]) == true else {
                report("FAIL: decoded frame re-encodes differently; \(describe())")
                return .failed
            }
        }
        report("FAIL: decoder returned more frames than the input can hold; \(describe())")
        return .failed
    }

    /// The error's case and, where it has one, its field: what a run's summary counts.
    private static func name(of error: PeerFrameError) -> String {
        guard let payload = Mirror(reflecting: error).children.first, let label = payload.label else {
            return "\(error)"
        }
        let field = Mirror(reflecting: payload.value).children.first { $0.label == "field" }?.value
        return label + ((field as? PeerFrameError.Field).map { "(\($0.rawValue))" } ?? "")
    }

    private static func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The process's peak virtual memory in bytes (Linux), the indirect witness that no
    /// decode reserved memory for a count it had not checked against its frame: such a
    /// reservation shows up here even when its pages are never touched.
    private static func peakVirtualMemory() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmPeak:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { return nil }
        return kilobytes * 1024
    }
}
