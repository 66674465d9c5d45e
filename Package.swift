// swift-tools-version:6.1
import PackageDescription

/// ECS — External Configuration System.
///
/// The six top-level names are fixed (see README.md); further targets earn their place:
/// `CLMDB` is the system-library shim for liblmdb; the two KVStore executables are the
/// benchmark and the child process the crash-safety test kills; `RaftTestKit` is the
/// randomized cluster simulation that the tests and `raft-sim` share; `raft-bench` measures
/// the consensus core alone; `PeerTransport` is the node-to-node wire format and its NIO codec;
/// `Linearizability` checks recorded client histories for the chaos tests; `ECSCtl` is the
/// `ecsctl` command line over the `Admin` library.
let package = Package(
    name: "ECS",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ecs-node", targets: ["ECSNode"]),
        .executable(name: "ecsctl", targets: ["ECSCtl"]),
        .executable(name: "kvstore-bench", targets: ["KVStoreBench"]),
        .executable(name: "raft-sim", targets: ["RaftSimulator"]),
        .executable(name: "raft-bench", targets: ["RaftBench"]),
        .library(name: "Raft", targets: ["Raft"]),
        .library(name: "KVStore", targets: ["KVStore"]),
        .library(name: "Admin", targets: ["Admin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .target(name: "KVStore", dependencies: ["CLMDB", "Raft"]),
        .target(
            name: "Raft",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")]
        ),
        .target(name: "RaftTestKit", dependencies: ["Raft"]),
        .target(name: "Linearizability"),
        .target(
            name: "PeerTransport",
            dependencies: [
                "Raft",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Admin",
            dependencies: [
                "KVStore", "Raft",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "ECSCtl",
            dependencies: ["Admin", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "ECSNode",
            dependencies: [
                "KVStore", "Raft", "PeerTransport", "Admin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("HTTP/OpenAPI/openapi.json")]
        ),
        .executableTarget(
            name: "KVStoreBench",
            dependencies: ["KVStore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "KVStoreCrashWriter", dependencies: ["KVStore", "Raft"]),
        .executableTarget(
            name: "RaftSimulator",
            dependencies: ["RaftTestKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "RaftBench",
            dependencies: [
                "Raft",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        .testTarget(name: "KVStoreTests", dependencies: ["KVStore", "Raft"]),
        .testTarget(
            name: "ECSNodeTests",
            dependencies: [
                "ECSNode", "Linearizability", "Admin",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "LinearizabilityTests", dependencies: ["Linearizability"]),
        .testTarget(
            name: "PeerTransportTests",
            dependencies: [
                "PeerTransport", "Raft",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "RaftTests", dependencies: ["Raft", "RaftTestKit"], exclude: ["testdata"]),
    ]
)
