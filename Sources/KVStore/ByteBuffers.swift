import CLMDB

/// Conversions between Swift byte arrays and LMDB's `MDB_val`, kept in one place so that no
/// caller forgets that a value read from LMDB points into the memory map and must be copied
/// before its transaction ends.
extension Array where Element == UInt8 {
    /// Lends `self` to LMDB as an `MDB_val` for the duration of `body`.
    func withValue<T, E: Error>(_ body: (inout MDB_val) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = withUnsafeBytes { bytes in
            var value = MDB_val(mv_size: bytes.count, mv_data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            return Result { () throws(E) in try body(&value) }
        }
        return try result.get()
    }

    /// Copies the bytes an `MDB_val` points at.
    init(copying value: MDB_val) {
        guard value.mv_size > 0, let data = value.mv_data else {
            self = []
            return
        }
        self = Array(UnsafeRawBufferPointer(start: data, count: value.mv_size))
    }
}
