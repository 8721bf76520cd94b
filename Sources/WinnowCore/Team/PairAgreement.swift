/// Agreement between two reviewers over the samples both judged.
public struct PairAgreement: Sendable, Equatable {
    public var a: String
    public var b: String
    public var confusion: ConfusionTable

    public init(a: String, b: String, confusion: ConfusionTable) {
        self.a = a
        self.b = b
        self.confusion = confusion
    }

    /// Samples both judged.
    public var samples: Int { confusion.total }
    public var percentAgreement: Double? { confusion.observedAgreement }
    public var cohenKappa: Double? { confusion.cohenKappa }

    /// Every pair of the table's coders, in column order.
    public static func all(_ t: AgreementTable) -> [PairAgreement] {
        var out: [PairAgreement] = []
        for i in t.coders.indices {
            for j in t.coders.indices where j > i {
                out.append(PairAgreement(a: t.coders[i], b: t.coders[j], confusion: AgreementStats.confusion(t, i, j)))
            }
        }
        return out
    }
}
