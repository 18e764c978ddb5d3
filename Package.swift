// swift-tools-version: 6.1
// Lacuna: a literature-gap recommender. Layers, dependencies pointing down only:
//   lacuna (CLI) → Lacuna (core) → LacunaText, LacunaKernels → COpenBLAS / CZlib (system libraries)
import PackageDescription

let package = Package(
    name: "Lacuna",
    products: [
        .library(name: "LacunaKernels", targets: ["LacunaKernels"]),
        .library(name: "LacunaText", targets: ["LacunaText"]),
        .library(name: "Lacuna", targets: ["Lacuna"]),
        .executable(name: "lacuna", targets: ["lacuna"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // MARK: - System libraries (no API of their own)
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // MARK: - LacunaKernels: dense & CSR matrices, BLAS/LAPACK, SVD, k-means, top-k
        .target(name: "LacunaKernels", dependencies: ["COpenBLAS", "CPrefetch"]),

        // MARK: - LacunaText: readers, tokeniser, stemmer, vocabulary, TF-IDF
        .target(name: "LacunaText", dependencies: ["LacunaKernels", "CZlib"]),

        // MARK: - Lacuna: LSA model, model files, clustering, strands, gap profiles
        .target(name: "Lacuna", dependencies: ["LacunaKernels", "LacunaText", "CZlib"]),

        // MARK: - lacuna: the command-line tool
        .executableTarget(name: "lacuna", dependencies: [
            "Lacuna", "LacunaText", "LacunaKernels",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Fuzz targets (no-op executables in a normal build; see Fuzz/README.md)
        .executableTarget(name: "FuzzReaders", dependencies: ["LacunaText"], path: "Fuzz/FuzzReaders"),

        // MARK: - Test support and tests
        .target(name: "_LacunaTestSupport", dependencies: [
            "LacunaKernels",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "LacunaKernelsTests", dependencies: [
            "LacunaKernels", "_LacunaTestSupport",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "LacunaTextTests", dependencies: ["LacunaText", "_LacunaTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LacunaTests", dependencies: ["Lacuna", "_LacunaTestSupport"]),
        .testTarget(name: "LacunaCLITests", dependencies: ["_LacunaTestSupport"]),
    ]
)
