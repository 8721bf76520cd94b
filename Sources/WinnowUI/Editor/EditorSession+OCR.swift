import Foundation
import WinnowCore

extension EditorSession {
    /// The quote around the cursor in the current draft, if any.
    public var quoteAtCursor: QuoteAtCursor? {
        QuoteAtCursor.find(in: editor.text, cursor: editor.cursor, turn: turnIndex)
    }

    /// Puts an OCR line in place of the quote around the cursor (its marks kept), or at the
    /// cursor when there is none: one undo step. Returns the quote replaced, if any.
    @discardableResult
    public mutating func insertOCRLine(_ line: String) -> QuotedPhrase? {
        let text = Self.cleanOCRText(line)
        guard pending == nil, !text.isEmpty else { return nil }
        message = nil
        if let quote = quoteAtCursor {
            withEditor { $0.replace(quote.utf8Range, with: text, kind: .other) }
            return quote.phrase
        }
        withEditor { $0.replace($0.cursor..<$0.cursor, with: text, kind: .other) }
        return nil
    }

    /// OCR text is untrusted and meant for one line: control characters (line breaks
    /// included) become spaces, and the ends are trimmed.
    static func cleanOCRText(_ line: String) -> String {
        let cleaned = String(line.map { c -> Character in
            c.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : c
        })
        return cleaned.trimmingCharacters(in: .whitespaces)
    }
}
