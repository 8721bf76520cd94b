import Foundation
import WinnowCore
import WinnowUI
let d = try! Dataset.open(path: "/work/data/small/llava_zh_2k.json")
let (km, _) = KeymapLoader.load(base: "default", userFile: nil)
let app = ReviewApp(source: d, journal: nil, keymap: km, options: ReviewOptions(theme: .monochrome))
let t0 = Date()
_ = app.perform("filter-type")
print("filter-type over 2000:", Date().timeIntervalSince(t0) * 1000, "ms", app.state.visible.count)
