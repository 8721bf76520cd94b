/// Characters OCR engines (and people copying signs) commonly mistake for one another. A
/// substitution between two of them costs half an edit in ``QuoteMatcher``, so a quote that
/// differs from the sign by a look-alike still counts as near it.
public enum Confusables {
    /// Groups of look-alikes; every pair within a group is confusable.
    public static let groups: [String] = [
        "己已巳", "未末", "土士", "日曰", "人入八", "干千于", "天夭", "王玉主", "大太犬",
        "刀力", "贝见", "木本术", "田由甲申", "目自", "戊戌戍", "免兔", "折拆", "候侯",
        "历厉", "治冶", "拔拨", "辩辨辫", "崇祟", "壁璧", "即既", "今令", "兑党", "鸟乌",
        "汩汨", "茶荼", "宇字", "休体", "准淮", "析折", "问间", "办为", "口囗", "二三",
        "0OoD〇", "1lI|丨", "5S", "8B", "2Z", "6b", "9g", "rn", "vy", "uv", "cC", "xX", "sS", "wW",
    ]

    private static let pairs: Set<Pair> = {
        var out = Set<Pair>()
        for group in groups {
            let chars = Array(group)
            for a in chars { for b in chars where a != b { out.insert(Pair(a, b)) } }
        }
        return out
    }()

    private struct Pair: Hashable {
        var a: Character
        var b: Character
        init(_ a: Character, _ b: Character) { self.a = a; self.b = b }
    }

    /// Whether `a` and `b` are different characters commonly mistaken for each other.
    public static func areConfusable(_ a: Character, _ b: Character) -> Bool {
        a != b && pairs.contains(Pair(a, b))
    }
}
