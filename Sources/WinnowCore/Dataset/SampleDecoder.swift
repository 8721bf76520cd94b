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
        // Dialogue. One bad turn does not hide the others: it is kept with its value as JSON
        // text, and the sample is flagged (`damage`) so that it can only be rejected.
        var turns: [Turn] = []
        var damage: [SampleProblem] = []
        var videos: [String] = []
        let schema: SampleSchema
        let listKey: String
        if let conversations = json.lastMember("conversations") {
            schema = .llava
            listKey = "conversations"
            guard case .array = conversations else {
                throw MappingError(reason: "`conversations` is \(conversations.kindDescription), expected a list of turns")
            }
        } else if let messages = json.lastMember("messages") {
            schema = .messages
            listKey = "messages"
            guard case .array = messages else {
                throw MappingError(reason: "`messages` is \(messages.kindDescription), expected a list of messages")
            }
        } else {
            throw MappingError(reason: "no `conversations` or `messages` list in the sample")
        }
        if case .array(let list)? = json.lastMember(listKey) {
            for (k, element) in list.enumerated() {
                noteRepeatedKeys(in: element, turn: k, problems: &problems)
                turns.append(readTurn(element, name: "\(listKey)[\(k)]", images: &images, videos: &videos, damage: &damage))
            }
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
        var sample = Sample(index: index, id: id, idIsSynthetic: synthetic, images: images, turns: turns, taskType: taskType,
                            taskTypeSource: source, schema: schema, extraFields: extras, problems: problems + damage, json: json)
        sample.damage = damage
        sample.videos = videos
        return sample
    }

    /// One turn in either spelling (`from`/`value` or `role`/`content`); what cannot be read
    /// is kept visible as JSON text and noted in `damage`.
    static func readTurn(_ element: JSONValue, name: String, images: inout [String], videos: inout [String],
                         damage: inout [SampleProblem]) -> Turn {
        guard case .object = element else {
            damage.append(SampleProblem(message: "\(name) is \(element.kindDescription), expected an object"))
            return Turn(role: .other("?"), roleName: "?", text: jsonText(element))
        }
        var roleName = "?"
        if let role = element.lastMember("from") ?? element.lastMember("role") {
            if let s = role.stringValue { roleName = s } else {
                damage.append(SampleProblem(message: "\(name): the role is \(role.kindDescription), expected a string"))
                roleName = jsonText(role)
            }
        } else {
            damage.append(SampleProblem(message: "\(name) has no `from` or `role` (who speaks)"))
        }
        let role = roleName == "?" ? Role.other("?") : Role(name: roleName)
        guard let value = element.lastMember("value") ?? element.lastMember("content") else {
            damage.append(SampleProblem(message: "\(name) has no `value` or `content` (the text)"))
            return Turn(role: role, roleName: roleName, text: "")
        }
        switch contentText(value, name: name, images: &images, videos: &videos) {
        case .success(let text): return Turn(role: role, roleName: roleName, text: text)
        case .failure(let e):
            damage.append(SampleProblem(message: e.reason))
            return Turn(role: role, roleName: roleName, text: jsonText(value))
        }
    }

    /// A value as compact JSON text, for showing what could not be read.
    static func jsonText(_ value: JSONValue) -> String {
        JSONWriter(style: JSONStyle(indent: nil, ensureASCII: false, keySeparator: ": ", itemSeparator: ", ")).string(value)
    }

    /// Text of a `content` that is a string or a list of typed parts (`text`, `image`,
    /// `image_url`, `video`, plain strings). Image and video parts add to `images`/`videos`
    /// and leave a marker on their own line where they sit.
    static func contentText(_ content: JSONValue, name: String, images: inout [String],
                            videos: inout [String]) -> Result<String, MappingError> {
        switch content {
        case .string(let s): return .success(s)
        case .array(let parts):
            var texts: [String] = []
            for (p, part) in parts.enumerated() {
                if let s = part.stringValue { texts.append(s); continue }
                let type = part.lastMember("type")?.stringValue
                if let text = part.lastMember("text")?.stringValue, type == nil || type == "text" {
                    texts.append(text)
                } else if type == "video" || (type == nil && part.lastMember("video") != nil) {
                    if let path = part.lastMember("video")?.stringValue ?? part.lastMember("video")?.lastMember("url")?.stringValue {
                        videos.append(path)
                    }
                    texts.append(Sample.videoMarker)
                } else if type == "image" || type == "image_url" || (type == nil && (part.lastMember("image") != nil || part.lastMember("image_url") != nil)) {
                    let url = part.lastMember("image_url")?.lastMember("url")?.stringValue ?? part.lastMember("image_url")?.stringValue
                        ?? part.lastMember("image")?.stringValue
                    if let url { images.append(url) }
                    texts.append(Sample.imageMarker)
                } else {
                    return .failure(MappingError(reason: "\(name): content part \(p) is \(type.map { "of type \"\($0)\"" } ?? part.kindDescription), not text, an image or a video"))
                }
            }
            return .success(texts.joined(separator: "\n"))
        default:
            return .failure(MappingError(reason: "\(name): the text is \(content.kindDescription), expected a string or a list of parts"))
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
