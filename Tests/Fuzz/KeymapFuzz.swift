// libFuzzer target for the keymap loader (YAML through Yams, then key names and contexts).
// Keymap files come from colleagues and dotfile repositories: any text must load with
// problems reported by line, never a trap.
// Built by scripts/fuzz (not a SwiftPM target): `swift build` and `swift test` never see it.
import Foundation
import WinnowUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeymap(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The loader reads files the same way: bytes decoded as UTF-8, bad sequences replaced.
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    let file = KeymapFile.parse(text, path: "fuzz.yaml")
    for problem in file.problems where problem.line < 0 { fatalError("invariant: problem on line \(problem.line)") }
    // `inherit:` names a built-in keymap or a file; only built-ins are followed here, so the
    // fuzzer never reads (or blocks on) whatever path a mutation spells.
    if file.inherit == nil || KeymapLoader.builtInNames.contains(file.inherit ?? "") {
        let (keymap, problems) = KeymapLoader.keymap(fromText: text, path: "fuzz.yaml")
        for problem in problems { _ = problem.message }
        for context in KeyContext.allCases {
            for (key, command) in keymap.entries(in: context) {
                _ = keymap.command(for: key, in: context)
                _ = keymap.keys(for: command, in: context)
                _ = keymap.hint(for: command, in: context)
            }
        }
    }
    return 0
}
