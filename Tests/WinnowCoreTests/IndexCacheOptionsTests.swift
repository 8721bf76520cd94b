import Foundation
import Testing
@testable import WinnowCore

/// The index cache is keyed by the options it was built under: one run with a wrong
/// `--format` must not change what later runs read.
@Suite struct IndexCacheOptionsTests {
    static let pretty = """
        [
          {
            "id": "a",
            "conversations": [
              {"from": "human", "value": "问题一"},
              {"from": "gpt", "value": "答案一"}
            ]
          },
          {
            "id": "b",
            "conversations": [
              {"from": "human", "value": "问题二"},
              {"from": "gpt", "value": "答案二"}
            ]
          }
        ]

        """

    @Test func aCacheBuiltUnderForcedJSONLinesIsNotReusedWithoutIt() throws {
        let path = writeTemp(Self.pretty)
        let wrong = try Dataset.open(path: path, options: DatasetOptions(container: .jsonLines))
        #expect(wrong.container == .jsonLines)
        // The contradiction is said, with where.
        #expect(wrong.problems.contains { $0.severity == .warning && $0.message.hasPrefix("--format jsonl was given") && $0.location?.line == 1 })
        let detected = try Dataset.open(path: path)
        #expect(!detected.indexWasCached)
        #expect(detected.container == .jsonArray)
        #expect(detected.count == 2)
        #expect(detected.problems.isEmpty)
        #expect(detected.sample(at: 1).isSuccess)
        // And the other way round: the detected cache is not reused under --format jsonl.
        let again = try Dataset.open(path: path, options: DatasetOptions(container: .jsonLines))
        #expect(!again.indexWasCached)
        #expect(again.container == .jsonLines)
        let reused = try Dataset.open(path: path, options: DatasetOptions(container: .jsonLines))
        #expect(reused.indexWasCached)
    }

    @Test func forcingTheDetectedFormatGivesNoWarning() throws {
        let path = writeTemp(Self.pretty)
        let forced = try Dataset.open(path: path, options: DatasetOptions(container: .jsonArray, useIndexCache: false))
        #expect(forced.problems.isEmpty)
        #expect(forced.count == 2)
    }
}
