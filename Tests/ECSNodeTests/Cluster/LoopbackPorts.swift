import Foundation

/// Free TCP ports on 127.0.0.1, found by letting the kernel pick: each port's socket is held
/// until all are picked, so one call never returns the same port twice.
enum LoopbackPorts {
    static func pick(_ count: Int) throws -> [Int] {
        var sockets: [PortListener] = []
        for _ in 0..<count { sockets.append(try PortListener()) }
        return sockets.map(\.port)
    }
}

/// A socket bound to a kernel-chosen loopback port and listening, so that the port is busy for
/// anyone else (a bound but idle socket would not stop a server that sets `SO_REUSEADDR`).
/// Closed when released.
final class PortListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PortError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw PortError("binding a loopback port failed: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

struct PortError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
