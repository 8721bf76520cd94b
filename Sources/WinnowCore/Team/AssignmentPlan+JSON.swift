extension AssignmentPlan {
    /// The plan file (docs/teams.md, "The plan file"): one JSON object.
    public var json: String {
        let value = TeamJSON.object([
            ("winnow_plan", TeamJSON.int(Self.formatVersion)),
            ("fingerprint", .string(fingerprint)),
            ("samples", TeamJSON.int(datasetCount)),
            ("overlap", TeamJSON.int(overlap)),
            ("seed", .number(String(seed))),
            ("gold_rate", TeamJSON.number(goldRate)),
            ("reviewers", .array(shares.map { s in
                TeamJSON.object([("name", .string(s.reviewer)), ("samples", TeamJSON.ints(s.samples)),
                                 ("gold", TeamJSON.ints(s.gold)), ("queue", TeamJSON.ints(s.queue))])
            })),
        ])
        return TeamJSON.text(value) + "\n"
    }

    /// Reads a plan file; `.badFile` names what is wrong.
    public static func parse(_ bytes: [UInt8], path: String) throws(TeamError) -> AssignmentPlan {
        let value: JSONValue
        do { value = try JSONLineDecoding.parse(bytes) } catch {
            throw .badFile(path: path, reason: "not a plan file: \(error.message)")
        }
        guard case .number(let v)? = value["winnow_plan"], let version = Int(v) else {
            throw .badFile(path: path, reason: "not a Winnow plan (no \"winnow_plan\" member); make one with winnow assign")
        }
        guard version <= formatVersion else {
            throw .badFile(path: path, reason: "plan format \(version) is newer than this tool understands (\(formatVersion))")
        }
        func int(_ v: JSONValue?) -> Int? { if case .number(let s)? = v { return Int(s) }; return nil }
        func ints(_ v: JSONValue?, _ what: String) throws(TeamError) -> [Int] {
            guard let list = v?.arrayValue else { throw .badFile(path: path, reason: "\(what) must be a list of sample indices") }
            var out: [Int] = []
            out.reserveCapacity(list.count)
            for x in list {
                guard let i = int(x), i >= 0 else { throw .badFile(path: path, reason: "\(what) holds something that is not a sample index") }
                out.append(i)
            }
            return out
        }
        guard let list = value["reviewers"]?.arrayValue else { throw .badFile(path: path, reason: "no \"reviewers\" list") }
        var shares: [Share] = []
        for item in list {
            guard let name = item["name"]?.stringValue else { throw .badFile(path: path, reason: "a reviewer without a \"name\"") }
            shares.append(Share(reviewer: name, samples: try ints(item["samples"], "\(name)'s samples"),
                                gold: try ints(item["gold"] ?? .array([]), "\(name)'s gold"),
                                queue: try ints(item["queue"], "\(name)'s queue")))
        }
        var seed: UInt64 = 0
        if case .number(let s)? = value["seed"] { seed = UInt64(s) ?? 0 }
        var rate = 0.0
        if case .number(let s)? = value["gold_rate"] { rate = Double(s) ?? 0 }
        return AssignmentPlan(fingerprint: value["fingerprint"]?.stringValue ?? "", datasetCount: int(value["samples"]) ?? 0,
                              overlap: int(value["overlap"]) ?? 0, seed: seed, goldRate: rate, shares: shares)
    }
}
