/// Maps one sample's bytes to a `Sample`: parses the JSON, then reads either schema
/// (LLaVA `conversations` or `messages` + `images`), the id, images and task type.
enum SampleDecoder {
    /// Keys that become `Sample` fields rather than metadata.
    static let structuralKeys: Set<String> = ["id", "image", "images", "conversations", "messages"]

    static func decode(bytes: UnsafeRawBufferPointer, baseOffset: Int, index: Int, file: String,
                       lines: LineIndex) -> Result<Sample, UnreadableSample> {
        func unreadable(_ offset: Int, _ reason: String) -> Result<Sample, UnreadableSample> {
            .failure(UnreadableSample(file: file, index: index, location: lines.location(of: offset), reason: reason))
        }
        var parser = JSONParser(bytes: bytes, baseOffset: baseOffset)
        let json: JSONValue
        do {
            json = try parser.parseDocument()
        } catch {
            return unreadable(error.byteOffset, "not valid JSON: \(error.reason)")
        }
        var problems = parser.warnings.map { SampleProblem(message: $0.message, location: lines.location(of: $0.byteOffset)) }
        do {
            let sample = try map(json, index: index, problems: &problems)
            return .success(sample)
        } catch {
            return unreadable(baseOffset, error.reason)
        }
    }

    struct MappingError: Error { var reason: String }

    /// Builds a `Sample` from a parsed value; throws for shapes that cannot be reviewed.
    static func map(_ json: JSONValue, index: Int, problems: inout [SampleProblem]) throws(MappingError) -> Sample {
        guard case .object(let members) = json else {
            throw MappingError(reason: "the sample is \(json.kindDescription), expected an object")
        }
        for key in json.repeatedKeys {
            problems.append(SampleProblem(message: "the key `\(key)` appears more than once in the sample; the last one is used (as Python's json does)"))
        }
        // Id.
        var id = "#\(index)"
        var synthetic = true
        switch json.lastMember("id") {
        case .string(let s)?: id = s; synthetic = false
        case .number(let lexeme)?: id = lexeme; synthetic = false
        case nil, .null?: break
        case let other?: problems.append(SampleProblem(message: "`id` is \(other.kindDescription); using \(id)"))
        }
        // Images.
        var images: [String] = []
        for key in ["image", "images"] {
            switch json.lastMember(key) {
            case nil, .null?: break
            case .string(let s)?: images.append(s)
            case .array(let list)?:
                for (k, element) in list.enumerated() {
                    if let s = element.stringValue { images.append(s) }
                    else if let path = element.lastMember("path")?.stringValue ?? element.lastMember("url")?.stringValue { images.append(path) }
                    else { problems.append(SampleProblem(message: "`\(key)[\(k)]` is \(element.kindDescription), expected a path")) }
                }
            case let other?: problems.append(SampleProblem(message: "`\(key)` is \(other.kindDescription), expected a path or a list of paths"))
            }
        }
        // Dialogue.
        var turns: [Turn] = []
        let schema: SampleSchema
        if let conversations = json.lastMember("conversations") {
            schema = .llava
            guard case .array(let list) = conversations else {
                throw MappingError(reason: "`conversations` is \(conversations.kindDescription), expected a list of turns")
            }
            for (k, element) in list.enumerated() {
                noteRepeatedKeys(in: element, turn: k, problems: &problems)
                guard case .object = element else { throw MappingError(reason: "conversations[\(k)] is \(element.kindDescription), expected an object") }
                guard let from = element.lastMember("from") else { throw MappingError(reason: "conversations[\(k)] has no `from` (who speaks)") }
                guard let name = from.stringValue else { throw MappingError(reason: "conversations[\(k)]: `from` is \(from.kindDescription), expected a string") }
                guard let value = element.lastMember("value") else { throw MappingError(reason: "conversations[\(k)] has no `value` (the text)") }
                guard let text = value.stringValue else { throw MappingError(reason: "conversations[\(k)]: `value` is \(value.kindDescription), expected a string") }
                turns.append(Turn(role: Role(name: name), roleName: name, text: text))
            }
        } else if let messages = json.lastMember("messages") {
            schema = .messages
            guard case .array(let list) = messages else {
                throw MappingError(reason: "`messages` is \(messages.kindDescription), expected a list of messages")
            }
            for (k, element) in list.enumerated() {
                noteRepeatedKeys(in: element, turn: k, problems: &problems)
                guard case .object = element else { throw MappingError(reason: "messages[\(k)] is \(element.kindDescription), expected an object") }
                guard let role = element.lastMember("role") ?? element.lastMember("from") else { throw MappingError(reason: "messages[\(k)] has no `role`") }
                guard let name = role.stringValue else { throw MappingError(reason: "messages[\(k)]: `role` is \(role.kindDescription), expected a string") }
                guard let content = element.lastMember("content") ?? element.lastMember("value") else { throw MappingError(reason: "messages[\(k)] has no `content`") }
                let text = try contentText(content, message: k, images: &images)
                turns.append(Turn(role: Role(name: name), roleName: name, text: text))
            }
        } else {
            throw MappingError(reason: "no `conversations` or `messages` list in the sample")
        }
        for (k, turn) in turns.enumerated() {
            if case .other(let name) = turn.role { problems.append(SampleProblem(message: "turn \(k + 1) has an unknown role \"\(name)\"")) }
            if turn.text.isEmpty { problems.append(SampleProblem(message: "turn \(k + 1) has empty text")) }
        }
        // Task type.
        var taskType = infer(turns)
        var source = TaskTypeSource.inferred
        for key in Sample.taskTypeKeys {
            guard let value = json.lastMember(key)?.stringValue else { continue }
            if let known = parseTaskType(value) {
                taskType = known
                source = .field
            } else {
                problems.append(SampleProblem(message: "unknown task type \"\(value)\" in `\(key)`; inferred \(taskType.rawValue)"))
            }
            break
        }
        let extras = members.filter { !structuralKeys.contains($0.key) }
        return Sample(index: index, id: id, idIsSynthetic: synthetic, images: images, turns: turns, taskType: taskType,
                      taskTypeSource: source, schema: schema, extraFields: extras, problems: problems, json: json)
    }

    /// Text of a `content` that is a string or a list of parts (`{"type": "text", ...}`,
    /// `{"type": "image_url", "image_url": {"url": ...}}`); image parts add to `images`.
    static func contentText(_ content: JSONValue, message k: Int, images: inout [String]) throws(MappingError) -> String {
        switch content {
        case .string(let s): return s
        case .array(let parts):
            var texts: [String] = []
            for part in parts {
                if let s = part.stringValue { texts.append(s); continue }
                let type = part.lastMember("type")?.stringValue
                if let text = part.lastMember("text")?.stringValue, type == nil || type == "text" {
                    texts.append(text)
                } else if let url = part.lastMember("image_url")?.lastMember("url")?.stringValue ?? part.lastMember("image_url")?.stringValue ?? part.lastMember("image")?.stringValue {
                    images.append(url)
                } else if type == "image" || type == "video" {
                    continue
                } else {
                    throw MappingError(reason: "messages[\(k)] has a content part that is neither text nor an image")
                }
            }
            return texts.joined(separator: "\n")
        default:
            throw MappingError(reason: "messages[\(k)]: `content` is \(content.kindDescription), expected text or a list of parts")
        }
    }

    static func noteRepeatedKeys(in turn: JSONValue, turn k: Int, problems: inout [SampleProblem]) {
        for key in turn.repeatedKeys {
            problems.append(SampleProblem(message: "turn \(k + 1): the key `\(key)` appears more than once; the last one is used (as Python's json does)"))
        }
    }

    static func parseTaskType(_ value: String) -> TaskType? {
        switch value.lowercased() {
        case "conversation", "conv", "conversations", "dialogue": return .conversation
        case "detail", "details", "detail_description", "detailed_description", "description": return .detail
        case "complex_reasoning", "complex", "reasoning", "complex-reasoning": return .complexReasoning
        default: return nil
        }
    }

    /// Several rounds: conversation; one round asking for a description: detail; otherwise
    /// complex reasoning (LLaVA-Instruct's three generators produce exactly these shapes).
    static func infer(_ turns: [Turn]) -> TaskType {
        let questions = turns.filter { $0.role == .human }
        if questions.count > 1 { return .conversation }
        // The cues sit at the start of a question; looking only at its first 4 KB keeps one
        // huge turn (a 50 MB string) from costing seconds of substring searching.
        guard let first = questions.first?.text else { return .complexReasoning }
        let question = String(decoding: first.utf8.prefix(4096), as: UTF8.self).lowercased()
        // Cues of a request to describe the whole image; "请说明理由" or "请详细解释" ask for
        // reasoning instead, so bare "说明"/"详细" are not cues.
        let cues = ["描述", "详细说明", "详细的说明", "详细分析这张图片", "各个元素", "讲述了什么", "图片里有什么", "图中展示了什么",
                    "describe", "description", "what is in the image", "what do you see"]
        return cues.contains(where: { question.contains($0) }) ? .detail : .complexReasoning
    }
}
