import PeerTransport
import Raft

/// Damages valid frames the ways a broken or hostile peer would: flipped bits, inserted
/// and deleted bytes, rewritten length fields, hostile counts, truncation, and splices of
/// two frames. Valid frames reach deep into the decoder, where pure noise rarely gets.
struct FrameMutator {
    let corpus: [[UInt8]]
    let maxFrameLength: UInt32

    /// Applies one to three mutations to a random corpus frame.
    func mutant(using random: inout SeededGenerator) -> [UInt8] {
        var bytes = corpus.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            mutate(&bytes, using: &random)
        }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout SeededGenerator) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        let interestingCounts: [UInt32] = [0, 1, 2, 0x7F, 0xFF, 0xFFFF, 0x00FF_FFFF, 0x7FFF_FFFF, 0x8000_0000, .max]
        switch Int.random(in: 0..<9, using: &random) {
        case 0 where !bytes.isEmpty:  // flip one bit
            bytes[position % bytes.count] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1:  // insert a byte
            bytes.insert(UInt8.random(in: .min ... .max, using: &random), at: position)
        case 2 where !bytes.isEmpty:  // delete a byte
            bytes.remove(at: position % bytes.count)
        case 3 where bytes.count >= 4:  // rewrite the frame length
            let current = Int64(bytes.count - 4)
            let lengths: [Int64] = [
                current + Int64.random(in: -8...8, using: &random), 0, 1, 2, Int64(maxFrameLength),
                Int64(maxFrameLength) + 1, Int64(UInt32.random(in: .min ... .max, using: &random)),
            ]
            bytes.setBigEndian(UInt32(clamping: lengths.randomElement(using: &random)!), at: 0)
        case 4 where bytes.count >= 4:  // a hostile count or length somewhere in the frame
            let count =
                Bool.random(using: &random)
                ? interestingCounts.randomElement(using: &random)! : UInt32.random(in: .min ... .max, using: &random)
            bytes.setBigEndian(count, at: Int.random(in: 0...(bytes.count - 4), using: &random))
        case 5:  // an edge value for an enum or boolean byte
            guard !bytes.isEmpty else { return }
            bytes[position % bytes.count] = [0, 1, 2, 3, 13, 14, 0x7F, 0x80, 0xFF].randomElement(using: &random)!
        case 6:  // truncate
            bytes.removeSubrange(position...)
        case 7:  // splice: the head of this frame, the tail of another
            let other = corpus.randomElement(using: &random)!
            bytes = Array(bytes[..<position]) + other[Int.random(in: 0...other.count, using: &random)...]
        default:  // a second frame behind this one
            bytes += corpus.randomElement(using: &random)!
        }
    }
}
