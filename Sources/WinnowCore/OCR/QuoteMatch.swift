/// How a quoted phrase compares with the text OCR read in the image; built for a view: the
/// status to colour the quote, the matching OCR lines and their box to show where, and a
/// character diff from the quote to what the image says.
public struct QuoteMatch: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable, Codable {
        /// The image shows the phrase (ignoring white space, punctuation and letter case).
        case found
        /// An OCR line holds something close: a look-alike character, one dropped, added or
        /// swapped. ``QuoteMatch/suggestion`` is the quote as the image reads it.
        case near
        /// Nothing in the image is close to the phrase.
        case notFound = "not-found"
    }

    public var phrase: QuotedPhrase
    public var status: Status
    /// Indices into the page's lines of the best match (one line, or two adjacent lines a
    /// sign was split across); empty when not found.
    public var lineIndices: [Int]
    /// The matched stretch of the OCR text, as read.
    public var ocrText: String?
    /// The quote rewritten to what the image reads, keeping the quote's own punctuation and
    /// spacing; nil unless near.
    public var suggestion: String?
    /// The box around the matched lines, for "show me where".
    public var box: OCRBox?
    /// Edits between quote and image text; a look-alike substitution counts 0.5.
    public var distance: Double
    /// Character diff from the quote to the suggestion (empty unless near).
    public var diff: [DiffRun]

    public init(phrase: QuotedPhrase, status: Status, lineIndices: [Int] = [], ocrText: String? = nil,
                suggestion: String? = nil, box: OCRBox? = nil, distance: Double = 0, diff: [DiffRun] = []) {
        self.phrase = phrase
        self.status = status
        self.lineIndices = lineIndices
        self.ocrText = ocrText
        self.suggestion = suggestion
        self.box = box
        self.distance = distance
        self.diff = diff
    }
}
