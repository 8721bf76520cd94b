import Foundation
import Testing
@testable import WinnowCore

/// A temporary folder removed when the value goes away.
final class JournalTempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "winnow-jt-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// Datasets written by Python's json module in a named style, and the same style applied to an
/// expected list, so a merge result can be compared byte for byte.
enum JournalFixtures {
    static let tricky = [
        "家庭 👨‍👩‍👧‍👦 and 🏳️‍🌈",
        "combining: e\u{301} a\u{308}\u{323} 한국어 \u{1100}\u{1161}",
        "beyond BMP: 𠀀𪚥𫝀 𝄞",
        "line\r\nbreaks\tand tabs",
        "quotes \"x\" 'y' and back\\slashes \\n literal",
        "控制\u{1}字符 \u{7f} \u{2028}",
    ]

    /// The Python helpers: `write(samples, style)` returns the file text.
    static let pythonStyles = #"""
import json, sys
def write(samples, style):
    if style == "compact-lines":   # one sample per line inside the array (like full.json)
        return "[\n" + ",\n".join(json.dumps(s, ensure_ascii=False) for s in samples) + "\n]\n"
    if style == "indent2":
        return json.dumps(samples, indent=2, ensure_ascii=False) + "\n"
    if style == "indent4-ascii":
        return json.dumps(samples, indent=4, ensure_ascii=True)
    if style == "minified-ascii":
        return json.dumps(samples, separators=(",", ":"), ensure_ascii=True)
    if style == "jsonl":
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in samples)
    if style == "jsonl-ascii":
        return "".join(json.dumps(s) + "\n" for s in samples)
    raise SystemExit("unknown style " + style)

"""#

    static func samplesJSON(count: Int) -> String {
        var items: [String] = []
        for i in 0..<count {
            let t = tricky[i % tricky.count]
            let text = String(decoding: JSONWriter(style: JSONStyle(ensureASCII: true, keySeparator: ":", itemSeparator: ",")).bytes(.string(t)), as: UTF8.self)
            items.append(#"{"id":"s\#(i)","image":"img/\#(i).jpg","conversations":[{"from":"human","value":"<image>\nQ\#(i) "# + String(text.dropFirst().dropLast()) + #""},{"from":"gpt","value":"A\#(i)"}],"score":1.50,"meta":{"src":"x/y","n":[1,2e3]}}"#)
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// Writes `count` samples in `style` to `path`.
    static func writeDataset(_ path: String, style: String, count: Int = 12) throws {
        let script = pythonStyles + """
            samples = json.loads(sys.argv[1])
            open(sys.argv[2], "w", encoding="utf-8", newline="").write(write(samples, sys.argv[3]))
            """
        _ = try runPython(script, args: [samplesJSON(count: count), path, style])
    }
}
