/// The speaker of one turn, normalised across LLaVA (`from`) and ShareGPT (`role`) spellings.
public enum Role: Sendable, Equatable, Hashable {
    case human
    case gpt
    case system
    /// A role name Winnow does not know, kept as written.
    case other(String)

    /// Normalises `human`/`user` and `gpt`/`assistant`/`model`; anything else is `.other`.
    public init(name: String) {
        switch name {
        case "human", "user": self = .human
        case "gpt", "assistant": self = .gpt
        case "system": self = .system
        default: self = .other(name)
        }
    }
}

/// One turn of a dialogue.
public struct Turn: Sendable, Equatable {
    public var role: Role
    /// The role name exactly as written in the file (`human`, `user`, `Human `, ...).
    public var roleName: String
    public var text: String

    public init(role: Role, roleName: String, text: String) {
        self.role = role
        self.roleName = roleName
        self.text = text
    }
}

/// The three task types of LLaVA-style instruction data.
public enum TaskType: String, Sendable, Equatable, CaseIterable {
    case conversation
    case complexReasoning = "complex_reasoning"
    case detail
}

/// How a sample's task type was found.
public enum TaskTypeSource: String, Sendable, Equatable {
    /// From a `type` or `task` field in the sample.
    case field
    /// Inferred from the dialogue's shape.
    case inferred
}

/// The dialogue schema a sample uses.
public enum SampleSchema: String, Sendable, Equatable {
    /// `conversations: [{from, value}]`
    case llava
    /// `messages: [{role, content}]` (ShareGPT / LLaMA-Factory / OpenAI style)
    case messages
}

/// A problem found while reading one sample that still leaves it readable.
public struct SampleProblem: Sendable, Equatable {
    public var message: String
    public var location: SourceLocation?
    public init(message: String, location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One decoded sample.
public struct Sample: Sendable, Equatable {
    /// 0-based position in the dataset.
    public var index: Int
    /// The sample's id as text (string ids as is, numeric ids as written); when the sample has
    /// no id, `"#<index>"` and `idIsSynthetic` is true.
    public var id: String
    public var idIsSynthetic: Bool
    /// Image paths as written in the sample (`image` string or list, or `images`).
    public var images: [String]
    public var turns: [Turn]
    public var taskType: TaskType
    public var taskTypeSource: TaskTypeSource
    public var schema: SampleSchema
    /// Every top-level member other than id, image(s) and the dialogue, in source order.
    public var extraFields: [JSONMember]
    /// Non-fatal problems (a turn without text, an odd role name, ...).
    public var problems: [SampleProblem]
    /// The whole sample as parsed, for faithful rewriting.
    public var json: JSONValue
    /// Parts that could not be read (a turn whose text is not a string, a turn without a
    /// role, a content part of unknown type). The readable turns are still shown and the bad
    /// value is shown as JSON text, but such a sample can only be rejected: accepting or
    /// editing it would put a sample training code cannot use into the cleaned data.
    public var damage: [SampleProblem] = []
    /// Video paths from typed `video` content parts (shown as `<video>` in their turn).
    public var videos: [String] = []

    /// Whether the sample has a part that could not be read (see `damage`).
    public var isDamaged: Bool { !damage.isEmpty }

    public init(
        index: Int, id: String, idIsSynthetic: Bool, images: [String], turns: [Turn],
        taskType: TaskType, taskTypeSource: TaskTypeSource, schema: SampleSchema,
        extraFields: [JSONMember], problems: [SampleProblem], json: JSONValue
    ) {
        self.index = index
        self.id = id
        self.idIsSynthetic = idIsSynthetic
        self.images = images
        self.turns = turns
        self.taskType = taskType
        self.taskTypeSource = taskTypeSource
        self.schema = schema
        self.extraFields = extraFields
        self.problems = problems
        self.json = json
    }
}

/// A sample that could not be read, with where and why.
public struct UnreadableSample: Sendable, Equatable, Error, CustomStringConvertible {
    public var file: String
    public var index: Int
    public var location: SourceLocation
    public var reason: String

    public init(file: String, index: Int, location: SourceLocation, reason: String) {
        self.file = file
        self.index = index
        self.location = location
        self.reason = reason
    }

    /// `file:line:column: sample N (byte B): reason`.
    public var description: String {
        "\(file):\(location.line):\(location.column): sample \(index) (byte \(location.byteOffset)): \(reason)"
    }
}

extension Sample {
    /// Markers put into a turn's text where a typed image or video content part sits, so the
    /// dialogue shows where the picture comes; an edit's text has them taken out again.
    public static let imageMarker = "<image>"
    public static let videoMarker = "<video>"
}
