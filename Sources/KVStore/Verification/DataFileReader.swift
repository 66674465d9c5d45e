#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the data file with `pread`, never through a memory map.
///
/// A map of a damaged file can fault (`SIGBUS`) when a page lies past the end of the file; a
/// `pread` there just comes back short, which the reader reports as `Corruption`. Each read
/// copies into a Swift array, so everything after it is bounds-checked Swift.
final class DataFileReader {
    let path: String
    private let descriptor: Int32

    /// Opens `path` read-only. Throws `StoreError` (`.io`) when it cannot.
    init(path: String) throws(StoreError) {
        self.path = path
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw StoreError(
                kind: .io, code: errno, operation: "verify",
                message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = opened
    }

    deinit {
        close(descriptor)
    }

    /// The file's current length in bytes (asked each time: a live file may grow).
    func length() throws(StoreError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw StoreError(
                kind: .io, code: errno, operation: "verify",
                message: "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        return Int(status.st_size)
    }

    /// Fills `buffer` (resized to `count`) with the bytes at `offset`. Throws `Corruption`
    /// when the file ends before `offset + count`, and a `StoreError` (`.io`) when the system
    /// refuses the read.
    func read(offset: Int, count: Int, into buffer: inout [UInt8]) throws {
        guard offset >= 0, count >= 0, offset <= Int.max - count else {
            throw Corruption("a read at byte \(offset) of \(count) bytes is out of range")
        }
        if buffer.count != count { buffer = [UInt8](repeating: 0, count: count) }
        var done = 0
        var failure: Int32 = 0
        buffer.withUnsafeMutableBytes { destination in
            while done < count {
                let got = pread(descriptor, destination.baseAddress! + done, count - done, off_t(offset + done))
                if got > 0 {
                    done += got
                } else if got == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 {
            throw StoreError(
                kind: .io, code: failure, operation: "verify",
                message: "cannot read \(path) at byte \(offset): \(String(cString: strerror(failure)))")
        }
        guard done == count else {
            throw Corruption("the file ends at byte \(offset + done), inside bytes \(offset)..<\(offset + count)")
        }
    }

}
