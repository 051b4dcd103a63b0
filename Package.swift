// swift-tools-version:6.0
import PackageDescription

// Every dependency here is on the machine kind's package list (see ../shared/DESIGN.md §3).
let package = Package(
    name: "verdicts",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "verdicts", targets: ["verdicts"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
    ],
    targets: [
        .executableTarget(
            name: "verdicts",
            dependencies: [
                "VerdictsApp", "VerdictsCatalog", "VerdictsCore", "VerdictsPanel", "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .target(
            name: "VerdictsApp",
            dependencies: [
                "VerdictsCore", "VerdictsPanel", "Mail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Public"), .copy("Features/API/openapi.yaml")]
        ),
        .target(
            name: "VerdictsPanel",
            dependencies: [
                "VerdictsCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "VerdictsCatalog",
            dependencies: [
                "VerdictsCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "VerdictsCore",
            dependencies: [
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "VerdictsCore", .product(name: "FluentSQL", package: "fluent-kit"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "VerdictsCoreTests", dependencies: ["VerdictsCore", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        // The command line's settings (its typed values, the README's table) are tested through
        // the executable's module.
        .testTarget(name: "CommandLineTests", dependencies: ["verdicts", "VerdictsApp", "VerdictsCore", "VerdictsPanel"]),
        .testTarget(
            name: "VerdictsPanelTests",
            dependencies: [
                "VerdictsPanel", "VerdictsCore", "VerdictsCatalog", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "VerdictsCatalogTests",
            dependencies: ["VerdictsCatalog", "VerdictsCore", "TestSupport"]
        ),
        .testTarget(
            name: "VerdictsAppTests",
            dependencies: [
                "VerdictsApp", "VerdictsCatalog", "VerdictsPanel", "TestSupport", "Mail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)
