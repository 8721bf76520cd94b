import Foundation
import Testing
import WinnowCore

/// Real files from other tools: a no-op edit (each turn set to its own text) must merge back
/// to the identical bytes, which proves the writer reproduces each file's own style.
@Suite(.enabled(if: RealSamples.root != nil, Prerequisite.realSamplesReason))
struct JournalRealSamplesTests {
    static let files = [
        "llava-instruct-100/llava_instruct_100.json",
        "llamafactory-mllm-demo/mllm_demo.json",
        "qwen-vl-finetune-demo/demo/single_images.json",
        "xtuner-zh/resource/mllm_sft_multi_image_example_data.jsonl",
        "xtuner-zh/resource/mllm_sft_media_example_data.jsonl",
    ]

    @Test(arguments: files)
    func noOpEditsMergeToIdenticalBytes(_ relative: String) throws {
        let root = try #require(RealSamples.root)
        let dir = E2ETempDir()
        let name = (relative as NSString).lastPathComponent
        let data = dir.file(name)
        try FileManager.default.copyItem(atPath: root + "/" + relative, toPath: data)
        let script = """
            import json, sys
            p = sys.argv[1]
            d = json.load(open(p, encoding="utf-8")) if p.endswith(".json") else [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]
            for i, s in enumerate(d[:5]):
                conv = s.get("conversations") or s.get("messages")
                for t, turn in enumerate(conv):
                    text = turn.get("value", turn.get("content"))
                    if isinstance(text, list):  # content parts: the texts joined, as the viewer shows them
                        text = "\\n".join(x if isinstance(x, str) else x.get("text", "") for x in text if isinstance(x, str) or x.get("type", "text") == "text")
                    print(json.dumps({"index": i, "decision": "edit", "turn": t, "text": text}, ensure_ascii=False))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, data]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let decisions = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(!decisions.isEmpty)
        let decide = try WinnowCLI.run(["decide", data, "--from", "-"], input: decisions)
        #expect(decide.status == 0, "\(decide.stderr)")
        let merged = dir.file("out-" + name)
        let merge = try WinnowCLI.run(["merge", data, "-o", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr.contains("edited"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: data)))
    }
}

enum RealSamples {
    /// `../shared/real-samples` beside the checkout (CI), or the shared folder of this machine.
    static let root: String? = {
        let repo = WinnowCLI.repo
        let candidates = [repo.deletingLastPathComponent().appendingPathComponent("shared/real-samples").path,
                          repo.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/real-samples").path]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }()
}
