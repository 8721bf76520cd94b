import Foundation
import Testing
import WinnowCore
import WinnowOCR

/// Tesseract's per-character alternatives, read from a rendered sign and used by the
/// matcher: a quote that has OCR's second choice where OCR's first choice differs is not a
/// mismatch.
@Suite(.serialized) struct OCRAlternativesTests {
    static let hasChineseData = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                 ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] ?? ""]
        .contains { !$0.isEmpty && FileManager.default.fileExists(atPath: $0 + "/chi_sim.traineddata") }

    /// A menu in a small font: small print is where Tesseract hesitates between characters.
    static func readMenu() throws -> OCRPage {
        let path = RenderedSign.tempFolder() + "/menu.jpg"
        try RenderedSign.draw([.init(text: "本店菜单", x: 30, y: 20, size: 40),
                               .init(text: "红烧土豆丝 38元", x: 30, y: 90, size: 17),
                               .init(text: "麻辣青菜 ¥20", x: 30, y: 120, size: 17),
                               .init(text: "鱼香虾仁 ¥58", x: 30, y: 150, size: 17),
                               .init(text: "椒盐茄子 49元", x: 30, y: 180, size: 17),
                               .init(text: "凉拌饺子 58元", x: 30, y: 210, size: 17)],
                              width: 320, height: 250, path: path)
        return try TesseractEngine(languages: "chi_sim+eng").recognize(path: path)
    }

    @Test(.enabled(if: hasChineseData, "needs Tesseract's chi_sim data (Debian: tesseract-ocr-chi-sim)"))
    func alternativesLineUpWithTheLineText() throws {
        let page = try Self.readMenu()
        #expect(page.error == nil)
        let withAlternatives = page.lines.filter { !$0.alternatives.isEmpty }
        #expect(!withAlternatives.isEmpty, "lines: \(page.lines.map { ($0.text, $0.alternatives) })")
        for line in withAlternatives {
            #expect(line.alternatives.count == line.text.count, "\(line.text): \(line.alternatives)")
            for (c, alternatives) in zip(line.text, line.alternatives) {
                #expect(!alternatives.contains(c), "\(c) is its own alternative in \(line.text)")
                if c.isWhitespace { #expect(alternatives.isEmpty) }
            }
        }
    }

    @Test(.enabled(if: hasChineseData, "needs Tesseract's chi_sim data (Debian: tesseract-ocr-chi-sim)"))
    func aQuoteWithOCRsSecondChoiceIsFound() throws {
        let page = try Self.readMenu()
        // The first Chinese character that has an alternative (a Chinese one): quote the line
        // with that alternative in its place.
        var quote: String?
        var lineIndex = 0
        search: for (k, line) in page.lines.enumerated() {
            for (i, (c, alternatives)) in zip(line.text, line.alternatives).enumerated() where !c.isASCII {
                guard let second = alternatives.first(where: { !$0.isASCII && $0.isLetter }) else { continue }
                var chars = Array(line.text)
                chars[i] = second
                quote = String(chars)
                lineIndex = k
                break search
            }
        }
        let text = try #require(quote, "no Chinese alternative in \(page.lines.map { ($0.text, $0.alternatives) })")
        var matcher = QuoteMatcher()
        matcher.minNearConfidence = 0
        let phrase = QuotedPhrase(text: text, turn: 0, start: 0, length: text.count, openingMark: "“")
        #expect(matcher.match(phrase, lines: [page.lines[lineIndex]]).status == .found)
        // The same reading without its alternatives contradicts the quote.
        var bare = page.lines[lineIndex]
        bare.alternatives = []
        #expect(matcher.match(phrase, lines: [bare]).status != .found)
    }
}
