import NIOCore
import PeerTransport

/// Small helpers shared by the codec tests.
extension PeerFrameCodec {
    /// The bytes of `frames`, one after another, as a peer would send them.
    func bytes(of frames: [PeerFrame]) throws(PeerFrameError) -> [UInt8] {
        var buffer = ByteBuffer()
        for frame in frames {
            try encode(frame, into: &buffer)
        }
        return Array(buffer.readableBytesView)
    }

    /// Decodes `bytes` as one complete frame, requiring that nothing is left over.
    func decodeOne(_ bytes: [UInt8]) throws(PeerFrameError) -> PeerFrame? {
        var buffer = ByteBuffer(bytes: bytes)
        let frame = try decode(from: &buffer)
        return buffer.readableBytes == 0 ? frame : nil
    }
}

extension Array where Element == UInt8 {
    /// Writes a big-endian integer at `offset`, for forging hostile frames from valid ones.
    mutating func setBigEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for index in 0..<MemoryLayout<T>.size {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> ((MemoryLayout<T>.size - 1 - index) * 8))
        }
    }

    /// Lowercase hex, for failure messages a person can paste into a regression test.
    var hex: String {
        map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
