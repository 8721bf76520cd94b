import Foundation
import Testing
@testable import WinnowCore

@Suite struct SampleDecoderTests {
    func decode(_ json: String) throws -> Sample {
        let dataset = try openUncached(writeTemp("[\(json)]"))
        return try dataset.sample(at: 0).get()
    }

    @Test func llavaSchemaWithStringAndNumericIDs() throws {
        let a = try decode(#"{"id": "x1", "image": "a.jpg", "conversations": [{"from": "human", "value": "<image>\n图里有什么？"}, {"from": "gpt", "value": "一只猫。"}], "source": "coco"}"#)
        #expect(a.id == "x1" && !a.idIsSynthetic)
        #expect(a.images == ["a.jpg"])
        #expect(a.schema == .llava)
        #expect(a.turns.map(\.role) == [.human, .gpt])
        #expect(a.extraFields.map(\.key) == ["source"])
        let b = try decode(#"{"id": 00012, "conversations": [{"from": "human", "value": "q"}]}"#.replacingOccurrences(of: "00012", with: "12.50"))
        #expect(b.id == "12.50")
        #expect(b.images.isEmpty)
    }

    @Test func imageForms() throws {
        #expect(try decode(#"{"image": null, "conversations": []}"#).images == [])
        #expect(try decode(#"{"image": ["a.jpg", "b.png"], "conversations": []}"#).images == ["a.jpg", "b.png"])
        let bad = try decode(#"{"image": 5, "conversations": []}"#)
        #expect(bad.images.isEmpty)
        #expect(bad.problems.first?.message.contains("`image` is a number") == true)
    }

    @Test func messagesSchemaWithContentParts() throws {
        let s = try decode(#"{"id": 3, "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "r/dog.jpg"}}, {"type": "text", "text": "颜色？"}]}, {"role": "assistant", "content": "棕色。"}], "images": ["r/cat.jpg"]}"#)
        #expect(s.schema == .messages)
        #expect(s.turns.map(\.role) == [.system, .human, .gpt])
        // The image part leaves a marker where it sits in the turn.
        #expect(s.turns[1].text == "<image>\n颜色？")
        #expect(s.images == ["r/cat.jpg", "r/dog.jpg"])
        #expect(s.id == "3")
        #expect(!s.isDamaged)
    }

    /// Layouts from real data: `conversations` with `role`/`content`, content as typed parts
    /// (text, image, image_url, video); a video part is a video, not "no image".
    @Test func conversationsWithRoleContentAndTypedParts() throws {
        let s = try decode(#"{"id": "v1", "conversations": [{"role": "user", "content": [{"type": "video", "video": "clips/a.mp4"}, {"type": "text", "text": "发生了什么？"}, {"type": "image", "image": "p/b.jpg"}]}, {"role": "assistant", "content": "一只猫跳起来。"}]}"#)
        #expect(s.schema == .llava)
        #expect(s.turns.map(\.role) == [.human, .gpt])
        #expect(s.turns[0].text == "<video>\n发生了什么？\n<image>")
        #expect(s.turns[1].text == "一只猫跳起来。")
        #expect(s.videos == ["clips/a.mp4"])
        #expect(s.images == ["p/b.jpg"])
        #expect(!s.isDamaged)
        let plain = try decode(#"{"conversations": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}"#)
        #expect(plain.turns.map(\.text) == ["hi", "yo"])
        #expect(plain.problems.isEmpty)
    }

    @Test func missingIDIsSynthetic() throws {
        let dataset = try openUncached(writeTemp(#"[{"conversations": []}, {"conversations": []}]"#))
        let s = try dataset.sample(at: 1).get()
        #expect(s.id == "#1" && s.idIsSynthetic)
        #expect(dataset.id(at: 1) == nil)
        #expect(dataset.index(ofID: "#1") == 1)
    }

    @Test func taskTypeFromFieldOrInferred() throws {
        let field = try decode(#"{"type": "detail", "conversations": [{"from": "human", "value": "多少？"}, {"from": "gpt", "value": "3"}]}"#)
        #expect(field.taskType == .detail && field.taskTypeSource == .field)
        let conv = try decode(#"{"conversations": [{"from": "human", "value": "a"}, {"from": "gpt", "value": "b"}, {"from": "human", "value": "c"}, {"from": "gpt", "value": "d"}]}"#)
        #expect(conv.taskType == .conversation && conv.taskTypeSource == .inferred)
        let detail = try decode(#"{"conversations": [{"from": "human", "value": "<image>\n请详细描述这张图片。"}, {"from": "gpt", "value": "..."}]}"#)
        #expect(detail.taskType == .detail)
        let reasoning = try decode(#"{"conversations": [{"from": "human", "value": "为什么他在笑？"}, {"from": "gpt", "value": "..."}]}"#)
        #expect(reasoning.taskType == .complexReasoning)
        let unknown = try decode(#"{"task": "poetry", "conversations": [{"from": "human", "value": "x"}, {"from": "gpt", "value": "y"}]}"#)
        #expect(unknown.taskTypeSource == .inferred)
        #expect(unknown.problems.contains { $0.message.contains("unknown task type") })
    }

    @Test func loneSurrogateIsAProblemWithLocation() throws {
        let text = #"[{"id": "s", "conversations": [{"from": "human", "value": "a\udc00"}]}]"#
        let dataset = try openUncached(writeTemp(text))
        let s = try dataset.sample(at: 0).get()
        #expect(s.turns.first?.text == "a\u{FFFD}")
        let problem = try #require(s.problems.first)
        #expect(problem.message.contains("lone low surrogate"))
        #expect(problem.location?.byteOffset == Array(text.utf8).firstIndex(of: UInt8(ascii: "\\")))
    }

    @Test func escapedIDsAreDecodedForLookup() throws {
        let dataset = try openUncached(writeTemp(#"[{"id": "a\"b\u4e2d", "conversations": []}, {"id": "plain", "conversations": []}]"#))
        #expect(dataset.id(at: 0) == "a\"b中")
        #expect(dataset.index(ofID: "a\"b中") == 0)
        #expect(dataset.index(ofID: "plain") == 1)
        #expect(dataset.index(ofID: "nope") == nil)
    }

    @Test func sampleHashIsStableHexOfTheBytes() throws {
        let dataset = try openUncached(writeTemp(#"[{"conversations": []}, {"conversations": []} ]"#))
        #expect(dataset.sampleHash(at: 0) == dataset.sampleHash(at: 1))
        #expect(dataset.sampleHash(at: 0).count == 16)
        #expect(dataset.sampleHash(at: 0) == "c1c9d4a63118f1d3")  // FNV-1a 64 computed with Python
    }

    @Test func detectsStyle() throws {
        let compact = try openUncached(writeTemp(#"[{"id":"\u4e2d\/x","conversations":[]}]"#))
        #expect(compact.style == JSONStyle(indent: nil, ensureASCII: true, keySeparator: ":", itemSeparator: ",", escapesSlash: true))
        let python = try openUncached(writeTemp("[\n    {\n        \"id\": \"中\",\n        \"conversations\": []\n    }\n]"))
        #expect(python.style == JSONStyle(indent: "    ", ensureASCII: false, keySeparator: ": ", itemSeparator: ",", escapesSlash: false))
    }
}

@Suite struct TaskTypeHugeTurnTests {
    /// The task type comes from the start of the question: a cue far inside a huge turn does
    /// not count (the decoder reads only its first 4 KB), a cue at its start does.
    @Test func onlyTheStartOfAHugeQuestionIsSearchedForCues() {
        let filler = String(repeating: "x", count: 1 << 20)
        let late = [Turn(role: .human, roleName: "human", text: filler + "请描述"), Turn(role: .gpt, roleName: "gpt", text: "a")]
        let early = [Turn(role: .human, roleName: "human", text: "请描述" + filler), Turn(role: .gpt, roleName: "gpt", text: "a")]
        #expect(SampleDecoder.infer(late) == .complexReasoning)
        #expect(SampleDecoder.infer(early) == .detail)
    }
}
