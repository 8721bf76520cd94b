import Foundation
import Testing
@testable import WinnowCore

/// Decodes the samples in a JSON array text (through the real decoder, so schemas, role names
/// and images are what a file would give).
func lintSamples(_ jsonArray: String) throws -> [Sample] {
    let data = try openUncached(writeTemp(jsonArray))
    return try (0..<data.count).map { try data.sample(at: $0).get() }
}

/// One LLaVA sample with an image and these (role, text) turns.
func llava(_ turns: [(String, String)], id: String = "abc123", image: String? = "images/ab/abc123.jpg") throws -> Sample {
    var object: [String: Any] = ["id": id]
    if let image { object["image"] = image }
    object["conversations"] = turns.map { ["from": $0.0, "value": $0.1] }
    let data = try JSONSerialization.data(withJSONObject: [object])
    return try #require(lintSamples(String(decoding: data, as: UTF8.self)).first)
}

/// The kinds `SampleLinter` finds in `sample`.
func kinds(_ sample: Sample) -> Set<LintKind> { Set(SampleLinter().lint(sample).map(\.kind)) }

/// A long, clean Chinese answer in the generator's style.
let cleanAnswer = "从图片中可以看出，这是一块写有“鑫源水果店”的招牌，字体十分醒目，容易辨认。招牌下方写着“营业时间：8:00-22:00”，电话是13812345678。"
