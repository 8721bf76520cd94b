#if canImport(Glibc)
import Foundation
import Glibc
import Testing
import WinnowCore

/// DisplayWidth must agree with what ncursesw does: it advances by the C library's wcwidth
/// in a UTF-8 locale. Compares every printable scalar Winnow draws as itself.
typealias WcwidthFunction = @convention(c) (Int32) -> Int32

/// The C library's wcwidth in a UTF-8 locale, or nil when no UTF-8 locale exists.
func systemWcwidth() -> WcwidthFunction? {
    guard setlocale(LC_ALL, "C.UTF-8") != nil || setlocale(LC_ALL, "en_US.UTF-8") != nil,
          let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else { return nil }
    return unsafeBitCast(sym, to: WcwidthFunction.self)
}

@Suite(.enabled(if: systemWcwidth() != nil, "needs a UTF-8 locale (C.UTF-8 or en_US.UTF-8)"))
struct WcwidthAgreementTests {
    @Test func everyDrawnScalarHasTheTerminalsWidth() throws {
        let wcwidth = try #require(systemWcwidth())
        var mismatches: [String] = []
        var compared = 0
        for v in UInt32(0x20)...UInt32(0x3FFFF) {
            guard let s = Unicode.Scalar(v), let ours = DisplayWidth.spacingWidth(s) else { continue }
            if s.properties.generalCategory == .privateUse { continue }
            compared += 1
            let theirs = wcwidth(Int32(v))
            if Int(theirs) != ours { mismatches.append(String(format: "U+%04X ours %d wcwidth %d", v, ours, theirs)) }
        }
        #expect(compared > 100_000)
        // Known, documented: U+31E4, U+31E5, U+31EF (CJK strokes of Unicode 16 inside an old
        // block) and U+1171E (an Ahom mark glibc counts as 0). A newer glibc may differ more;
        // the backend places every cell at its own column, so a row cannot drift.
        #expect(mismatches.count <= 8, "\(mismatches.prefix(20))")
        // The text Winnow mostly shows must agree exactly.
        for sample in ["中文，。、：；？！（）「」《》“”…", "ABCabc123,.;:!?", "😀🐱🎉", "한국어", "ｶﾀｶﾅ", "①○■"] {
            for s in sample.unicodeScalars {
                #expect(DisplayWidth.spacingWidth(s) == Int(wcwidth(Int32(s.value))), "U+\(String(s.value, radix: 16))")
            }
        }
    }
}
#endif
