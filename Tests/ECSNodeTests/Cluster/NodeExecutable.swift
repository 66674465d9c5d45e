import Foundation

/// Where the real `ecs-node` binary is: `swift build --build-tests` puts it beside the test
/// bundle, so the cluster tests run the very build they were compiled with.
enum NodeExecutable {
    static let url: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("ecs-node")

    /// Whether it was built; the tests `#require` it with a hint rather than fail obscurely.
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    static let missingHint = "build it first: swift build --build-tests (missing \(url.path))"
}
