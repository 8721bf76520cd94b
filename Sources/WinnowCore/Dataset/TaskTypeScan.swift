#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the indexer notes on its one pass so that a sample's task type is stored in the index
/// without decoding it: the `type`/`task` members and, in the dialogue list, each turn's
/// speaker and the first question's text. It answers only when it is sure to agree with
/// `SampleDecoder` (plain strings, no escapes, plain ASCII/CJK question text); otherwise nil,
/// and `Dataset.taskType(at:)` decodes that sample.
struct TaskTypeScan {
    /// A member's value: absent, a plain string at `start..<end`, or something else.
    enum Value { case absent, string(Int, Int), other }
    /// One dialogue list's findings.
    struct List {
        var present = false
        var isArray = false
        var humans = 0
        var unsure = false
        var firstQuestion: Value = .absent
    }

    var type: Value = .absent
    var task: Value = .absent
    var conversations = List()
    var messages = List()
    /// Whether the scan is inside the dialogue list (`activeIsMessages` says which).
    var inList = false
    var activeIsMessages = false
    // The turn being read.
    private var turnIsObject = false
    private var from: Value = .absent
    private var role: Value = .absent
    private var text: Value = .absent
    private var content: Value = .absent

    @inline(__always)
    private static func equals(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        return memcmp(base + start, word.utf8Start, end - start) == 0
    }

    /// The first non-whitespace index at or after `i`.
    @inline(__always)
    private static func skip(_ base: UnsafePointer<UInt8>, _ i: Int, _ limit: Int) -> Int {
        var k = i
        while k < limit, base[k] == 0x20 || base[k] == 0x0A || base[k] == 0x0D || base[k] == 0x09 { k += 1 }
        return k
    }

    /// The closing quote of a string whose content starts at `from`, or -1.
    private static func stringEnd(_ base: UnsafePointer<UInt8>, _ from: Int, _ limit: Int) -> Int {
        var i = from
        while i < limit {
            guard let hit = memchr(base + i, 0x22, limit - i) else { return -1 }
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = q - 1, backslashes = 0
            while k >= from, base[k] == 0x5C { backslashes += 1; k -= 1 }
            if backslashes & 1 == 0 { return q }
            i = q + 1
        }
        return -1
    }

    /// Called for each string at depth 1 or at depth 3 in the dialogue list (quotes at
    /// `open` and `close`). Returns where to go on when it consumed a member's value, else -1.
    mutating func noteString(base: UnsafePointer<UInt8>, open: Int, close: Int, depth: Int, limit: Int, careful: Bool) -> Int {
        let length = close - open - 1
        guard length == 4 || length == 5 || length == 7 || length == 8 || length == 13 else { return -1 }
        let colon = Self.skip(base, close + 1, limit)
        guard colon < limit, base[colon] == UInt8(ascii: ":") else { return -1 }
        let v = Self.skip(base, colon + 1, limit)
        guard v < limit else { return -1 }
        let k0 = open + 1
        // A plain string value: its range and where it ends; escapes make it `.other`-unsure.
        func stringValue() -> (Value, Int) {
            guard base[v] == 0x22 else { return (.other, -1) }
            let q = Self.stringEnd(base, v + 1, limit)
            guard q >= 0 else { return (.other, -1) }
            // A careful scan must see every newline inside strings itself (a broken sample
            // must not swallow the next): leave such a string to it, unrecorded.
            if careful, memchr(base + v + 1, 0x0A, q - v - 1) != nil { return (.other, -1) }
            return (.string(v + 1, q), q + 1)
        }
        if depth == 1 {
            if Self.equals(base, k0, close, "type") || Self.equals(base, k0, close, "task") {
                let (value, next) = stringValue()
                if length == 4, base[k0 + 1] == UInt8(ascii: "y") { type = value } else { task = value }
                return next
            }
            let isConversations = Self.equals(base, k0, close, "conversations")
            if isConversations || Self.equals(base, k0, close, "messages") {
                var list = List()
                list.present = true
                list.isArray = base[v] == UInt8(ascii: "[")
                if isConversations { conversations = list } else { messages = list }
                inList = list.isArray
                activeIsMessages = !isConversations
            }
            return -1
        }
        guard turnIsObject else { return -1 }
        if Self.equals(base, k0, close, "from") { let (value, next) = stringValue(); from = value; return next }
        if Self.equals(base, k0, close, "role") { let (value, next) = stringValue(); role = value; return next }
        if Self.equals(base, k0, close, "value") { let (value, next) = stringValue(); text = value; return next }
        if Self.equals(base, k0, close, "content") { let (value, next) = stringValue(); content = value; return next }
        return -1
    }

    mutating func openElement(isObject: Bool) {
        turnIsObject = isObject
        from = .absent
        role = .absent
        text = .absent
        content = .absent
    }

    /// At the end of a turn object: count it when its speaker is the human.
    mutating func closeElement() {
        guard turnIsObject else { return }
        turnIsObject = false
        var list = activeIsMessages ? messages : conversations
        // The decoder reads `from`, else `role`; a value that is not a plain string is not the
        // human unless it has escapes (then only a decode can tell).
        let speaker: Value = { if case .absent = from { return role }; return from }()
        var human = false
        if case .string(let s, let e) = speaker, let base = speakerBase {
            if memchr(base + s, 0x5C, e - s) != nil { list.unsure = true }
            human = Self.equals(base, s, e, "human") || Self.equals(base, s, e, "user")
        }
        if human {
            list.humans += 1
            if list.humans == 1 { list.firstQuestion = { if case .absent = text { return content }; return text }() }
        }
        if activeIsMessages { messages = list } else { conversations = list }
    }

    /// The file's bytes, for `closeElement` (set by the indexer before scanning).
    var speakerBase: UnsafePointer<UInt8>?

    /// The task type the decoder would give, or nil when unsure.
    func taskType(base: UnsafePointer<UInt8>) -> TaskType? {
        // `type` first, then `task`: the first that is a string decides (an unknown name
        // falls back to inference, as in the decoder).
        for value in [type, task] {
            guard case .string(let s, let e) = value else { continue }
            guard memchr(base + s, 0x5C, e - s) == nil, e - s <= 64,
                  let name = String(validating: UnsafeRawBufferPointer(start: base + s, count: e - s), as: UTF8.self) else { return nil }
            if let known = SampleDecoder.parseTaskType(name) { return known }
            break
        }
        let list: List
        if conversations.present { list = conversations } else if messages.present { list = messages } else { return nil }
        guard list.isArray, !list.unsure else { return nil }
        if list.humans > 1 { return .conversation }
        guard list.humans == 1 else { return .complexReasoning }
        guard case .string(let s, let e) = list.firstQuestion else { return nil }
        return Self.questionAsksForDetail(UnsafeRawBufferPointer(start: base + s, count: e - s)).map { $0 ? .detail : .complexReasoning }
    }

    /// The decoder's cue test on raw question bytes, or nil when they hold anything for which
    /// byte matching could differ from its lower-cased, grapheme-wise `contains`: `\u` escapes,
    /// more than 4 KB, or characters other than ASCII, CJK ideographs, kana, CJK and
    /// full-width punctuation, and common dashes and quotes.
    static func questionAsksForDetail(_ raw: UnsafeRawBufferPointer) -> Bool? {
        guard raw.count <= 4096 else { return nil }
        var hasUpperASCII = false
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b < 0x80 {
                if b == 0x5C {
                    // Escapes that decode to a control character, a quote or a slash cannot
                    // make or break a cue match (no cue holds them, nor starts with an escape
                    // letter); `\u` could spell a cue's letter, so only a decode can tell.
                    guard i + 1 < raw.count else { return nil }
                    switch raw[i + 1] {
                    case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                        i += 2
                        continue
                    default: return nil
                    }
                }
                if b >= 0x41 && b <= 0x5A { hasUpperASCII = true }
                i += 1
                continue
            }
            guard i + 2 < raw.count else { return nil }
            let b1 = raw[i + 1], b2 = raw[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            switch b {
            case 0xE4...0xE9: break                                   // U+4000-9FFF ideographs
            case 0xE3:                                                // U+3000-3FFF: no combining marks
                if b1 == 0x80 && (0xAA...0xAF).contains(b2) { return nil }
                if b1 == 0x82 && (b2 == 0x99 || b2 == 0x9A) { return nil }
            case 0xEF:                                                // full-width forms only
                guard b1 == 0xBC || b1 == 0xBD else { return nil }
            case 0xE2:                                                // dashes, quotes, ellipsis
                guard b1 == 0x80, (0x90...0xA7).contains(b2) else { return nil }
            default: return nil
            }
            i += 3
        }
        guard let base = raw.baseAddress else { return false }
        if !hasUpperASCII {
            // The usual case: memmem per cue (the cues are lower case already).
            for cue in cues {
                if find(base, raw.count, cue) { return true }
            }
            return false
        }
        for cue in cues where contains(raw, cue) { return true }
        return false
    }

    static let cues: [[UInt8]] = ["描述", "详细说明", "详细的说明", "详细分析这张图片", "各个元素", "讲述了什么", "图片里有什么", "图中展示了什么",
                                  "describe", "description", "what is in the image", "what do you see"].map { Array($0.utf8) }

    /// Exact byte search: memchr for the cue's first byte, then memcmp.
    private static func find(_ base: UnsafeRawPointer, _ count: Int, _ cue: [UInt8]) -> Bool {
        guard let first = cue.first, cue.count <= count else { return false }
        var p = 0
        let last = count - cue.count
        return cue.withUnsafeBytes { c -> Bool in
            guard let cueBase = c.baseAddress else { return false }
            while p <= last {
                guard let hit = memchr(base + p, Int32(first), last - p + 1) else { return false }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, cueBase, cue.count) == 0 { return true }
                p = at + 1
            }
            return false
        }
    }

    /// Byte search, ASCII letters compared case-insensitively (the cues are lower case).
    private static func contains(_ raw: UnsafeRawBufferPointer, _ cue: [UInt8]) -> Bool {
        guard cue.count <= raw.count else { return false }
        outer: for start in 0...(raw.count - cue.count) {
            for k in 0..<cue.count {
                var b = raw[start + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != cue[k] { continue outer }
            }
            return true
        }
        return false
    }
}

extension TaskTypeScan {
    /// The task type of the one sample object at `start..<end`, by a byte walk of its
    /// structure (no values built), or nil when the walk cannot be sure to agree with the
    /// decoder; then only a decode can tell.
    static func classify(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> TaskType? {
        guard start >= 0, start < end, base[start] == 0x7B else { return nil }
        var scan = TaskTypeScan()
        scan.speakerBase = base
        var depth = 1
        var i = start + 1
        while i < end {
            let b = base[i]
            if b == 0x22 {
                let q = stringEnd(base, i + 1, end)
                if q < 0 { return nil }
                if depth == 1 || (depth == 3 && scan.inList) {
                    let next = scan.noteString(base: base, open: i, close: q, depth: depth, limit: end, careful: false)
                    if next >= 0 { i = next; continue }
                }
                i = q + 1
            } else if b == 0x7B || b == 0x5B {
                depth += 1
                if depth == 3 && scan.inList { scan.openElement(isObject: b == 0x7B) }
                i += 1
            } else if b == 0x7D || b == 0x5D {
                if scan.inList {
                    if depth == 3 { scan.closeElement() } else if depth == 2 { scan.inList = false }
                }
                depth -= 1
                i += 1
                if depth == 0 { return i == end ? scan.taskType(base: base) : nil }
            } else {
                i += 1
            }
        }
        return nil
    }
}
