import Testing

/// The suites that run real `ecs-node` processes. Serialized, so that only one cluster at a time
/// competes for the machine: elections time out after one to two seconds, and a starved cluster
/// would fail for reasons the tests are not about.
@Suite(.serialized)
enum ClusterTests {
    /// Fails the test with a hint when the node binary was not built beside the test bundle.
    static func requireNodeBinary() throws {
        try #require(NodeExecutable.isBuilt, Comment(rawValue: NodeExecutable.missingHint))
    }
}
