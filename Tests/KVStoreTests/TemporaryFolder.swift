import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
///
/// Every test gets real LMDB files of its own, so tests can run in parallel.
struct TemporaryFolder {
    let path: String

    init(_ purpose: String = #function) throws {
        let name = "ecs-kvstore-\(purpose.filter(\.isLetter))-\(UUID().uuidString)"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func child(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
