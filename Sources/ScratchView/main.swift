import WinnowCore
import WinnowUI
let d = try! Dataset.open(path: "/work/data/small/llava_zh_2k.json")
let (km, _) = KeymapLoader.load(base: "default", userFile: nil)
let app = ReviewApp(source: d, journal: nil, keymap: km, options: ReviewOptions(theme: .monochrome))
for (w, h) in [(40, 10), (50, 14)] {
    print(String(repeating: "=", count: w)); for r in app.render(width: w, height: h).rows { print(r + "|") }
}
_ = app.handle(.key(.char("x")))
print(String(repeating: "=", count: 40)); for r in app.render(width: 40, height: 12).rows { print(r + "|") }
_ = app.handle(.key(.named(.escape)))
_ = app.handle(.key(.char("?")))
print(String(repeating: "=", count: 40)); for r in app.render(width: 40, height: 12).rows { print(r + "|") }
