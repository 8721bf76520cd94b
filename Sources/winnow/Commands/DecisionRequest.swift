import Foundation
import WinnowCore

/// One decision asked for on the command line or in a `decide --from` line.
struct DecisionRequest {
    enum Target { case index(Int), id(String) }

    /// Why a request cannot be carried out (reported with its line number).
    struct Failure: Error { var message: String }

    var target: Target
    var decision: Decision?
    /// For `undo` without a sequence: undo the latest entry in force on the sample.
    var undoLatest = false

    init(target: Target, decision: Decision?, undoLatest: Bool = false) {
        self.target = target
        self.decision = decision
        self.undoLatest = undoLatest || decision == nil
    }

    /// The decision named by `word`; `undo` without `seq` is nil (undo the latest).
    static func decision(_ word: String, reasons: [String], note: String?, seq: Int?) -> Decision?? {
        switch word {
        case "accept": return .some(.accept)
        case "reject": return .some(.reject(reasons: reasons, note: note))
        case "skip": return .some(.skip)
        case "reset": return .some(.reset)
        case "undo": return .some(seq.map { .undo(sequence: $0) })
        default: return nil
        }
    }

    /// Parses one `--from` line.
    static func parse(jsonLine: [UInt8]) throws -> DecisionRequest {
        let value: JSONValue
        do { value = try JSONLineDecoding.parse(jsonLine) } catch {
            throw Failure(message: "not valid JSON: \(error.message)")
        }
        let target: Target
        guard case .object(let members) = value else { throw Failure(message: "expected a JSON object, found \(value.kindDescription)") }
        let known: Set<String> = ["index", "id", "decision", "reason", "reasons", "note", "turn", "text", "seq"]
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            throw Failure(message: "unknown member '\(unknown.key)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let idValue = value["id"] {
            guard let s = idValue.stringValue ?? DecisionRequest.numberText(idValue) else { throw Failure(message: "'id' must be a string") }
            if value["index"] != nil { throw Failure(message: "give 'index' or 'id', not both") }
            target = .id(s)
        } else if let indexValue = value["index"] {
            guard let i = DecisionRequest.int(indexValue), i >= 0 else { throw Failure(message: "'index' must be a non-negative integer") }
            target = .index(i)
        } else {
            throw Failure(message: "missing 'index' or 'id'")
        }
        guard let word = value["decision"]?.stringValue else { throw Failure(message: "missing \"decision\" (accept, reject, skip, reset, undo or edit)") }
        var reasons: [String] = []
        for key in ["reason", "reasons"] {
            switch value[key] {
            case nil: break
            case .string(let s)?: reasons.append(s)
            case .array(let list)?:
                for r in list {
                    guard let s = r.stringValue else { throw Failure(message: "'\(key)' must hold strings") }
                    reasons.append(s)
                }
            default: throw Failure(message: "'\(key)' must be a string or a list of strings")
            }
        }
        var note: String? = nil
        if let n = value["note"] {
            guard let s = n.stringValue else { throw Failure(message: "'note' must be a string") }
            note = s
        }
        if word == "edit" {
            // Turns are numbered from 1, as on the review screen and in `winnow diff`.
            guard let t = value["turn"].flatMap(DecisionRequest.int), t >= 1 else { throw Failure(message: "an edit needs \"turn\" (1 for the first turn)") }
            guard let text = value["text"]?.stringValue else { throw Failure(message: "an edit needs \"text\" (a string)") }
            return DecisionRequest(target: target, decision: .edit(.turns([t - 1: text]), note: note))
        }
        var seq: Int? = nil
        if let s = value["seq"] {
            guard let v = DecisionRequest.int(s) else { throw Failure(message: "'seq' must be an integer") }
            seq = v
        }
        guard let d = DecisionRequest.decision(word, reasons: reasons, note: note, seq: seq) else {
            throw Failure(message: "unknown decision '\(word)': use accept, reject, skip, reset, undo or edit")
        }
        return DecisionRequest(target: target, decision: d)
    }

    private static func int(_ v: JSONValue) -> Int? {
        if case .number(let s) = v { return Int(s) }
        return nil
    }

    private static func numberText(_ v: JSONValue) -> String? {
        if case .number(let s) = v { return s }
        return nil
    }

    /// Resolves the target and appends; returns the saved entry.
    func append(to journal: any DecisionStore, dataset: Dataset) throws -> JournalEntry {
        let index: Int
        switch target {
        case .index(let i):
            guard i >= 0, i < dataset.count else { throw Failure(message: "sample \(i) does not exist (the dataset has \(dataset.count) samples)") }
            index = i
        case .id(let id):
            guard let i = dataset.index(ofID: id) else { throw Failure(message: "no sample has id '\(id)'") }
            index = i
        }
        var d = decision
        if undoLatest {
            guard let latest = journal.latestUndoableEntry(at: index) else {
                throw Failure(message: "sample \(index) has no decision to undo")
            }
            d = .undo(sequence: latest.sequence)
        }
        guard let d else { throw Failure(message: "no decision") }
        // The journal records an undo on the undone entry's own sample; a --seq naming an
        // entry of another sample (or none) would silently undo the wrong thing.
        if case .undo(let s) = d, !undoLatest {
            guard let undone = journal.entries.first(where: { $0.sequence == s }) else {
                throw Failure(message: "there is no entry \(s) to undo (see `winnow journal log`)")
            }
            guard undone.index == index else {
                throw Failure(message: "entry \(s) is a decision on sample \(undone.index), not on sample \(index)")
            }
            guard journal.isInForce(sequence: s) else {
                throw Failure(message: "entry \(s) on sample \(index) is already undone")
            }
        }
        // Same rule as the review screen: a sample that cannot be read can only be rejected.
        if let why = DecisionCheck.refusal(of: d, for: dataset.sample(at: index)) { throw Failure(message: why) }
        if case .edit(.turns(let turns), _) = d, case .success(let sample) = dataset.sample(at: index) {
            for t in turns.keys where t < 0 || t >= sample.turns.count {
                throw Failure(message: "sample \(index) has \(sample.turns.count) turns; there is no turn \(t + 1)")
            }
        }
        return try journal.append(d, index: index)
    }

    /// The line printed for a saved entry.
    static func report(_ e: JournalEntry) -> String {
        var out: [UInt8] = []
        out.append(contentsOf: "{\"seq\":\(e.sequence),\"index\":\(e.index),\"id\":".utf8)
        JSONWriter(style: JSONStyle(ensureASCII: false)).escape(e.id, into: &out)
        let word: String
        switch e.decision {
        case .accept: word = "accept"
        case .reject: word = "reject"
        case .skip: word = "skip"
        case .edit: word = "edit"
        case .undo: word = "undo"
        case .note: word = "note"
        case .reset: word = "reset"
        }
        out.append(contentsOf: ",\"decision\":\"\(word)\"".utf8)
        if case .undo(let s) = e.decision { out.append(contentsOf: ",\"undo\":\(s)".utf8) }
        out.append(contentsOf: ",\"saved\":true}".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
