import Testing
import WinnowCore
@testable import WinnowUI

/// Every image exists, with no file system involved.
struct EveryImageExists: ImageResolver {
    func resolve(_ reference: String) -> ResolvedImage {
        ResolvedImage(reference: reference, path: "/images/" + reference, exists: true, byteSize: 2048)
    }
}

/// A provider whose previews are still decoding (the pane says "loading…").
final class LoadingImages: ImagePreviewProvider, @unchecked Sendable {
    func preview(path: String, width: Int, height: Int) -> ImagePreview { .loading }
    func info(path: String) -> ImageFileInfo? { ImageFileInfo(format: "PNG", pixelWidth: 8, pixelHeight: 8, byteSize: 2048, problem: nil) }
    func fullScreen(path: String, width: Int, height: Int) -> [UInt8]? { nil }
    func viewer(path: String) -> ExternalProgram { ExternalProgram(arguments: ["view", path], takesTerminal: false, purpose: "image") }
}

/// Drawing is a function of state: every screen rendered twice gives the same grid and
/// leaves the state as it was.
@Suite struct RenderIsPureTests {
    static let long = (1...80).map { "第\($0)行：图片中有一只猫。" }.joined(separator: "\n")

    /// Each screen: a name, the size, and the keys that reach it from a fresh app.
    static let screens: [(String, Int, Int, [String])] = [
        ("reading", 80, 24, []),
        ("reading wide", 200, 60, ["j", "j"]),
        ("reading with image pane", 160, 48, []),
        ("reason picker", 80, 24, ["x", "2"]),
        ("reject note prompt", 80, 24, ["x", "n", "a"]),
        ("note prompt", 80, 24, ["m", "b"]),
        ("search prompt", 80, 24, ["/", "c"]),
        ("search results", 80, 24, ["/", "猫", "enter"]),
        ("go to prompt", 80, 24, ["g", "1"]),
        ("help", 80, 24, ["?", "pgdn"]),
        ("editor", 80, 24, ["e", "left", "z"]),
        ("editor asking", 80, 24, ["e", "z", "esc"]),
        ("diff inline", 120, 40, ["e", "z", "ctrl-s", "esc", "d"]),
        ("diff side by side", 120, 40, ["e", "z", "ctrl-s", "esc", "d", "d"]),
        ("filter status", 80, 24, ["f"]),
        ("filter type, nothing matches", 80, 24, ["T", "T", "T"]),
        ("metadata expanded", 80, 24, ["M"]),
        ("too small", 30, 8, []),
        ("stats panel", 80, 24, ["a", "S"]),
        ("stats panel, smallest screen", 40, 10, ["f", "S"]),
        ("batch confirmation", 80, 24, ["V", "\"", "a"]),
        ("batch reject picker", 80, 24, ["V", "\"", "x", "1"]),
        ("typed filter prompt", 80, 24, [";", "r"]),
    ]

    @Test(arguments: screens.indices)
    func everyScreenRendersTwiceTheSame(_ n: Int) {
        let (name, width, height, keys) = Self.screens[n]
        var samples = [makeSample(0, gpt: Self.long), makeSample(1), makeSample(2, type: .detail)]
        samples[0].images = ["a.png"]
        let (app, _, _) = makeApp(samples: samples, width: width, height: height)
        app.imageResolver = EveryImageExists()
        app.imageProvider = LoadingImages()
        app.state.autoAdvance = false
        for key in keys { app.press(key) }
        let before = app.state
        let first = app.render(width: width, height: height)
        let second = app.render(width: width, height: height)
        #expect(first == second, "\(name): the second frame differs")
        #expect(app.state == before, "\(name): drawing changed the state")
        #expect(first.rows.joined().contains { !$0.isWhitespace }, "\(name): blank screen")
    }

    /// The screens above are the ones they claim to be.
    @Test func theScreensAreReached() {
        func mode(after keys: [String], width: Int = 80, height: Int = 24) -> AppMode {
            let (app, _, _) = makeApp(samples: [makeSample(0, gpt: Self.long), makeSample(1)], width: width, height: height)
            for key in keys { app.press(key) }
            return app.state.mode
        }
        #expect(mode(after: ["x", "2"]).keyContext == .picker)
        #expect(mode(after: ["m", "b"]).keyContext == .prompt)
        #expect(mode(after: ["?", "pgdn"]).keyContext == .help)
        #expect(mode(after: ["e", "z", "esc"]).keyContext == .editor)
    }
}
