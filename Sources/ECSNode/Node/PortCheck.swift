import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Refuses a busy listening address before the node touches its data, so that a node started on
/// the wrong port says so in one line instead of bootstrapping storage and joining elections
/// first. The listeners bind again for real moments later; this only catches the common mistake.
enum PortCheck {
    static func ensureFree(_ address: HostPort, flag: String) throws(NodeStartError) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(address.host, String(address.port), &hints, &results) == 0, let first = results else {
            throw .listen("\(flag) \(address): cannot resolve \(address.host)")
        }
        defer { freeaddrinfo(results) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw .listen("\(flag) \(address): \(String(cString: strerror(errno)))")
        }
    }
}
