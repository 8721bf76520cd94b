/// The few line-breaking classes the wrapper needs (a small subset of UAX #14 plus the
/// Chinese/Japanese kinsoku rules for punctuation).
public enum LineBreakClass: Sendable, Equatable {
    /// Space or tab: a line may break after a run of them.
    case space
    /// A wide character (CJK, emoji): a line may break before and after it.
    case wide
    /// Closing punctuation that must not start a line: ，。、：；？！）」』】》〉”’… and the
    /// ASCII `,.;:!?)]}`.
    case closing
    /// Opening punctuation that must not end a line: （「『【《〈“‘ and ASCII `([{`.
    case opening
    /// Anything else narrow (Latin letters, digits): part of a word.
    case narrow

    public init(_ c: Character) {
        self.init(c, width: DisplayWidth.of(c))
    }

    /// The class of `c` whose display width is already known (the wrapper's fast path).
    @inline(__always)
    public init(_ c: Character, width: Int) {
        guard let s = c.unicodeScalars.first else { self = .narrow; return }
        let v = s.value
        if v >= 0x4E00 && v <= 0x9FFF { self = .wide; return }   // CJK ideographs: most text
        if v < 0x80 {
            switch v {
            case 0x20, 0x09: self = .space
            case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D: self = .closing
            case 0x28, 0x5B, 0x7B: self = .opening
            default: self = .narrow
            }
            return
        }
        if v == 0x3000 { self = .space; return }
        // Punctuation lives in a few blocks; look up the tables only there.
        if (v >= 0xB0 && v <= 0xBB) || (v >= 0x2014 && v <= 0x2103) || (v >= 0x3001 && v <= 0x30FE)
            || (v >= 0xFE50 && v <= 0xFF65) {
            if Self.closingScalars.contains(v) { self = .closing; return }
            if Self.openingScalars.contains(v) { self = .opening; return }
        }
        self = width >= 2 ? .wide : .narrow
    }

    /// Whether a line may break between a character of class `before` and one of `after`.
    @inline(__always)
    public static func allowsBreak(between before: LineBreakClass, and after: LineBreakClass) -> Bool {
        if after == .closing || after == .space || before == .opening { return false }
        if before == .space { return true }
        // Punctuation after a CJK character behaves like CJK: break after it.
        if before == .wide || after == .wide { return true }
        if before == .closing, after == .opening { return true }
        return false
    }

    /// Closing punctuation, small kana and iteration marks that kinsoku keeps off a line start.
    static let closingScalars: Set<UInt32> = [
        0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
        0x3011, 0x300B, 0x3009, 0x201D, 0x2019, 0x2026, 0x2025, 0xFF0E, 0x3015, 0x3017,
        0x3019, 0x301B, 0xFF3D, 0xFF5D, 0xFF60, 0x00BB, 0x203A, 0x30FC, 0x3005, 0x309D,
        0x309E, 0x30FD, 0x30FE, 0xFF64, 0xFF61, 0x00B7, 0x30FB, 0xFF65, 0x2014, 0xFE50,
        0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0x2030, 0x2032, 0x2033, 0x2103,
        0xFF05, 0x00B0,
    ]

    static let openingScalars: Set<UInt32> = [
        0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x201C, 0x2018, 0x3014, 0x3016,
        0x3018, 0x301A, 0xFF3B, 0xFF5B, 0xFF5F, 0x00AB, 0x2039,
    ]
}
