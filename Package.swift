// swift-tools-version:6.1
import PackageDescription

// Linux only (glibc, ncursesw, posix_spawn flags of glibc): no Apple platform is declared
// because none is built or tested.
// Layers point one way: WinnowCore <- WinnowUI <- WinnowTerminal <- winnow (CLI).
// Only WinnowTerminal imports ncurses (through the CNcursesw system library).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Winnow",
    products: [
        .executable(name: "winnow", targets: ["winnow"]),
        .executable(name: "winnow-bench", targets: ["WinnowBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Pure core: dataset engine, JSON, journal, merge, text width and wrapping.
        .target(name: "WinnowCore", dependencies: ["CMappedGuard"], swiftSettings: strictSettings),
        // The SIGBUS guard of the memory-mapped dataset (a signal handler must be C; see the
        // comment at the top of mapped_guard.c).
        .target(name: "CMappedGuard", path: "Sources/CMappedGuard"),
        // Pure UI: screen grid, layout, views, keymaps, commands, editor, app state.
        .target(
            name: "WinnowUI",
            dependencies: ["WinnowCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings,
            plugins: ["EmbedPlugin"]
        ),
        // Image decoding and symbol rendering (libchafa, libjpeg, libpng); no terminal I/O.
        .systemLibrary(name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa"),
        // libjpeg/libpng/libwebp behind a small C surface: libjpeg's error_exit must longjmp,
        // which Swift cannot do safely.
        .target(
            name: "CImageDecode",
            path: "Sources/CImageDecode",
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("webp")]
        ),
        .target(
            name: "WinnowImage",
            dependencies: ["WinnowCore", "WinnowUI", "CChafa", "CImageDecode"],
            swiftSettings: strictSettings
        ),
        // The one ncurses owner.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw"),
        .target(
            name: "WinnowTerminal",
            dependencies: ["WinnowUI", "CNcursesw"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "winnow",
            dependencies: [
                "WinnowCore", "WinnowUI", "WinnowTerminal", "WinnowImage", "WinnowStore", "WinnowOCR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Demo", "DemoTools"],
            swiftSettings: strictSettings,
            plugins: ["EmbedPlugin"]
        ),
        .executableTarget(
            name: "WinnowBench",
            dependencies: ["WinnowCore", "WinnowUI", "WinnowImage", "WinnowStore", "WinnowOCR"],
            swiftSettings: strictSettings
        ),
        // Build-time embedding of Keymaps/*.yaml and the demo dataset into the binary, so the
        // installed binary works from any folder with no second copy of those files to drift.
        .executableTarget(name: "EmbedTool", path: "Sources/EmbedTool"),
        .plugin(
            name: "EmbedPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedTool"],
            path: "Sources/EmbedPlugin"
        ),
        // --- Team store (PostgreSQL through libpq); WinnowCore stays free of it. ---
        .systemLibrary(name: "CLibpq", path: "Sources/CLibpq", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .target(name: "WinnowStore", dependencies: ["WinnowCore", "CLibpq"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowStoreTests", dependencies: ["WinnowStore", "WinnowCore"], swiftSettings: strictSettings),
        // --- end of team store ---
        // OCR (issue 13): Tesseract's C API in its own system library, behind the OCREngine
        // protocol of WinnowCore/OCR; WinnowCore never links Tesseract.
        .systemLibrary(name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract"),
        .target(
            name: "WinnowOCR",
            dependencies: ["WinnowCore", "WinnowImage", "WinnowUI", "CTesseract"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "WinnowOCRTests", dependencies: ["WinnowOCR", "WinnowCore", "WinnowImage", "WinnowUI"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowCoreTests", dependencies: ["WinnowCore"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowUITests", dependencies: ["WinnowUI", "WinnowCore", "WinnowTerminal"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowImageTests", dependencies: ["WinnowImage", "WinnowUI"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowTerminalTests", dependencies: ["WinnowTerminal", "WinnowUI"], swiftSettings: strictSettings),
        .testTarget(name: "WinnowEndToEndTests", dependencies: ["WinnowCore", "WinnowStore"], swiftSettings: strictSettings),
        // Reads the sources: layering, the one ncurses owner, no I/O in the UI layer.
        .testTarget(name: "WinnowArchitectureTests", swiftSettings: strictSettings),
    ]
)
