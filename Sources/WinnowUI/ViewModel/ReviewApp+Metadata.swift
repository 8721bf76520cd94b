import WinnowCore

extension ReviewApp {
    /// The metadata pane's lines for a sample's facts (image files and lint come from the
    /// facts' caches, so this costs no I/O after the first frame of a sample).
    func metadataLines(_ facts: SampleFacts?) -> [MetadataLine] {
        guard let facts else { return [] }
        guard let s = facts.decoded else {
            if case .failure(let unreadable) = facts.sample {
                return [MetadataLine(label: "unreadable", value: unreadable.description, isProblem: true)]
            }
            return []
        }
        var lines: [MetadataLine] = []
        // An empty id or image path would show as nothing at all: say it is empty.
        lines.append(MetadataLine(label: "id", value: (s.id.isEmpty ? "(empty)" : s.id) + (s.idIsSynthetic ? " (no id in the sample)" : ""),
                                  isProblem: s.id.isEmpty))
        let chosen = chosenImage(of: s)
        let resolved = facts.images(imageResolver)
        for (n, ref) in s.images.enumerated() {
            let img = resolved.indices.contains(n) ? resolved[n] : nil
            var v = ref
            if ref.isEmpty {
                lines.append(MetadataLine(label: s.images.count == 1 ? "image" : "image \(n + 1)/\(s.images.count)",
                                          value: "(empty path)", isProblem: true))
                continue
            }
            if let img, img.exists {
                v += " (\(MetadataFormatter.byteSize(img.byteSize ?? 0))"
                if let info = facts.info(img.path, provider: imageProvider) {
                    if let f = info.format { v += ", \(f)" }
                    if let w = info.pixelWidth, let h = info.pixelHeight { v += " \(w)x\(h)" }
                    if let p = info.problem { v += ", \(p)" }
                    if let n = info.note { v += ", \(n)" }
                }
                v += ")"
            } else {
                v += img?.refusal.map { " (\($0))" } ?? " (MISSING)"
            }
            // Several images: numbered, the one the pane, `v` and `o` use marked.
            let label = s.images.count == 1 ? "image" : "\(n == chosen ? "▸" : "")image \(n + 1)/\(s.images.count)"
            lines.append(MetadataLine(label: label, value: v, isProblem: img?.exists != true))
        }
        for video in s.videos { lines.append(MetadataLine(label: "video", value: video)) }
        if s.images.isEmpty && s.videos.isEmpty { lines.append(MetadataLine(label: "image", value: "none")) }
        // Problems and lint findings come next: they are what a reviewer most needs, and the
        // compact pane at 80x24 has room for only the first few lines.
        for p in s.problems {
            lines.append(MetadataLine(label: "problem", value: p.message + (p.location.map { " at \($0)" } ?? ""), isProblem: true))
        }
        for f in facts.lint {
            lines.append(MetadataLine(label: "lint", value: "\(f.kind.rawValue): \(f.message)", isWarning: true))
        }
        var counts: [(String, Int, Int)] = []   // role, turns, chars
        let turnChars = facts.turnCharCounts
        for (n, t) in s.turns.enumerated() {
            let chars = turnChars.indices.contains(n) ? turnChars[n] : 0
            if let i = counts.firstIndex(where: { $0.0 == t.roleName }) {
                counts[i].1 += 1
                counts[i].2 += chars
            } else {
                counts.append((t.roleName, 1, chars))
            }
        }
        lines.append(MetadataLine(label: "turns", value: "\(s.turns.count)" + (counts.isEmpty ? "" : " (" + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")")))
        lines.append(MetadataLine(label: "chars", value: counts.map { "\($0.0) \($0.2)" }.joined(separator: ", ")))
        let typeField = s.taskTypeFieldIndex
        lines.append(MetadataLine(label: "type", value: taskTypeDescription(s, fieldIndex: typeField)))
        let review = journal?.review(at: s.index) ?? .undecided
        var decision = review.status.rawValue
        if !review.reasons.isEmpty { decision += ": " + review.reasons.joined(separator: ", ") }
        if let r = review.reviewer { decision += " by \(r)" }
        lines.append(MetadataLine(label: "decision", value: decision))
        if let note = review.note { lines.append(MetadataLine(label: "note", value: note)) }
        for n in review.notes { lines.append(MetadataLine(label: "note", value: n)) }
        if !review.flags.isEmpty { lines.append(MetadataLine(label: "flags", value: review.flags.joined(separator: ", "))) }
        // The task type line above already shows the field it was read from.
        // A dataset field named like the pane's own lines (`note`, `decision`, ...) must not
        // pass for the reviewer's: it is shown as `dataset.note`.
        // A raw `type` the type did not come from stays `type`, beside the inferred one.
        let own = Set(lines.map(\.label))
            .union(["id", "image", "video", "problem", "lint", "turns", "chars", "decision", "note", "flags", "unreadable"])
            .subtracting(["type"])
        for (n, m) in s.extraFields.enumerated() where n != typeField {
            let label = own.contains(m.key) || m.key.hasPrefix("dataset.") ? "dataset." + m.key : m.key
            lines.append(MetadataLine(label: label, value: MetadataFormatter.inline(m.value)))
        }
        return lines
    }

    /// "conversation (field)"; names the member and its value when they are not simply
    /// `type` with the canonical spelling, since that member is not listed separately.
    func taskTypeDescription(_ s: Sample, fieldIndex: Int?) -> String {
        var source = s.taskTypeSource.rawValue
        if let n = fieldIndex, s.extraFields.indices.contains(n) {
            let member = s.extraFields[n]
            if member.key != "type" || member.value.stringValue != s.taskType.rawValue {
                source += " \(member.key): \(MetadataFormatter.inline(member.value, limit: 60))"
            }
        }
        return "\(s.taskType.rawValue) (\(source))"
    }
}

extension ReviewApp {
    /// The metadata lines of a given sample (tests; the screen uses the cached facts).
    func metadataLines(sample: Sample?, unreadable: UnreadableSample?) -> [MetadataLine] {
        if let unreadable { return metadataLines(SampleFacts(index: unreadable.index, sample: .failure(unreadable))) }
        guard let sample else { return [] }
        return metadataLines(SampleFacts(index: sample.index, sample: .success(sample)))
    }
}
