/// A box in image pixels, origin at the top-left corner.
public struct OCRBox: Sendable, Equatable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// One line of text an OCR engine read, in reading order within its page.
public struct OCRLine: Sendable, Equatable, Hashable {
    /// The text as read, surrounding white space removed (may hold anything: sanitise before
    /// drawing it).
    public var text: String
    public var box: OCRBox
    /// The engine's confidence, 0 to 100.
    public var confidence: Double
    /// Per character of ``text`` (same count, or empty when the engine gave none): the other
    /// characters the engine considered for it, most likely first ("" for none). A quote
    /// that differs from the line only where the quote's character is one of these is the
    /// OCR's misreading, not a misquote.
    public var alternatives: [String]

    public init(text: String, box: OCRBox, confidence: Double, alternatives: [String] = []) {
        self.text = text
        self.box = box
        self.confidence = confidence
        self.alternatives = alternatives
    }

    /// The alternatives for the character at `index` of ``text`` (empty when none).
    public func alternatives(at index: Int) -> String {
        alternatives.indices.contains(index) ? alternatives[index] : ""
    }
}

/// What OCR gave for one image file: its lines, or why there are none.
public struct OCRPage: Sendable, Equatable {
    public var lines: [OCRLine]
    /// Why the image could not be read (decode failure, time limit), nil when it was.
    public var error: String?
    /// Wall-clock time the engine took, in milliseconds.
    public var milliseconds: Int
    /// Whether the failure may not happen again (the time limit on a busy machine): such a
    /// page is not cached, so the next run tries again. Not stored in the cache.
    public var isRetryable: Bool

    public init(lines: [OCRLine], error: String? = nil, milliseconds: Int = 0, isRetryable: Bool = false) {
        self.lines = lines
        self.error = error
        self.milliseconds = milliseconds
        self.isRetryable = isRetryable
    }
}
