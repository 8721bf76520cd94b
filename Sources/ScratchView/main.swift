import WinnowCore
import WinnowUI
let d = try! Dataset.open(path: "/work/data/small/llava_zh_2k.json")
let (km, _) = KeymapLoader.load(base: "default", userFile: nil)
let app = ReviewApp(source: d, journal: nil, keymap: km, options: ReviewOptions(theme: .monochrome))
var found = 0
for idx in 0..<d.count {
    _ = app.perform("goto"); for c in "\(idx)" { _ = app.handle(.key(.char(c))) }; _ = app.handle(.key(.named(.enter)))
    let g = app.render(width: 200, height: 300)
    for r in g.rows where r.contains("<U+") || r.contains("␛") || r.contains("◌") || r.contains("␀") {
        if found < 8 { print(idx, r.trimmingSuffix()) }
        found += 1
    }
}
print("rows with placeholders:", found)
extension String { func trimmingSuffix() -> String { var s = Substring(self); while s.last == " " { s = s.dropLast() }; return String(s) } }
