import Foundation
import Testing
@testable import WinnowCore

/// Every file in ../shared/real-samples opens with the right sample count and turns.
@Suite(.enabled(if: realSamplesFolder() != nil, realSamplesReason)) struct RealSamplesTests {
    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var container: DatasetContainer
        var count: Int
        /// Turns per sample (as counted by Python's json module), first ones or all.
        var firstTurns: [Int]
        var firstID: String
        var firstImages: [String]
        var description: String { path }
    }

    static let expected: [Expected] = [
        Expected(path: "llava-instruct-100/llava_instruct_100.json", container: .jsonArray, count: 100,
                 firstTurns: [10], firstID: "000000379143", firstImages: ["000000379143.jpg"]),
        Expected(path: "llamafactory-mllm-demo/mllm_demo.json", container: .jsonArray, count: 6,
                 firstTurns: [4, 4, 4, 4, 4, 4], firstID: "#0", firstImages: ["mllm_demo_data/1.jpg", "mllm_demo_data/1.jpg"]),
        Expected(path: "qwen-vl-finetune-demo/demo/single_images.json", container: .jsonArray, count: 3,
                 firstTurns: [2, 2, 2], firstID: "#0", firstImages: ["demo/images/10095.png"]),
        Expected(path: "xtuner-zh/resource/mllm_sft_media_example_data.jsonl", container: .jsonLines, count: 22,
                 firstTurns: [10, 2, 2, 2, 2, 2, 10, 2, 2, 2, 2, 2, 8, 2, 2, 2, 2, 8, 2, 2, 2, 2], firstID: "1", firstImages: ["resource/mscoco_dog_000000319154.jpg"]),
        Expected(path: "xtuner-zh/resource/mllm_sft_multi_image_example_data.jsonl", container: .jsonLines, count: 11,
                 firstTurns: [4, 4, 2, 8, 2, 4, 4, 2, 8, 2, 8], firstID: "1",
                 firstImages: ["resource/mscoco_dog_000000319154.jpg", "resource/mscoco_twocat_000000039769.jpg"]),
    ]

    @Test(arguments: expected)
    func opensWithRightCounts(_ e: Expected) throws {
        let folder = try #require(realSamplesFolder())
        let path = folder.appendingPathComponent(e.path).path
        let dataset = try openUncached(path)
        #expect(dataset.container == e.container)
        #expect(dataset.count == e.count)
        #expect(dataset.problems.isEmpty)
        var turnsSeen: [Int] = []
        for i in 0..<dataset.count {
            let sample = try dataset.sample(at: i).get()
            #expect(sample.problems.isEmpty, "sample \(i): \(sample.problems)")
            #expect(!sample.turns.isEmpty)
            #expect(sample.turns.first?.role == .human)
            turnsSeen.append(sample.turns.count)
        }
        #expect(Array(turnsSeen.prefix(e.firstTurns.count)) == e.firstTurns)
        let first = try dataset.sample(at: 0).get()
        #expect(first.id == e.firstID)
        #expect(first.images == e.firstImages)
        let locator = ImageLocator(imageRoot: nil, datasetPath: path)
        if e.path.hasPrefix("llava") == false {
            #expect(first.images.allSatisfy { locator.resolve($0).exists })
        }
    }

    @Test func every_file_in_the_folder_opens() throws {
        let folder = try #require(realSamplesFolder())
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") } ?? []
        #expect(files.count >= 5)
        for file in files {
            let dataset = try openUncached(folder.appendingPathComponent(file).path)
            #expect(dataset.count > 0, "\(file)")
            for i in 0..<dataset.count { #expect(dataset.sample(at: i).isSuccess, "\(file) sample \(i)") }
        }
    }

    @Test func llavaTurnCountsMatchTheSourceNotes() throws {
        let folder = try #require(realSamplesFolder())
        let dataset = try openUncached(folder.appendingPathComponent("llava-instruct-100/llava_instruct_100.json").path)
        var counts = Set<Int>()
        for i in 0..<dataset.count { counts.insert(try dataset.sample(at: i).get().turns.count) }
        #expect(counts.isSubset(of: [2, 8, 10]))
        #expect(dataset.style.indent == "  ")
        #expect(dataset.style.keySeparator == ": ")
    }
}
