import Foundation
import Testing
@testable import WinnowCore

/// Mutates valid files (truncate, flip bytes, insert garbage) and checks that opening,
/// decoding every sample and looking ids up never traps and always answers consistently.
@Suite struct FuzzTests {
    static let base: [UInt8] = {
        var text = "[\n"
        text += (0..<12).map { i in
            #"  {"id": "\#(i)", "image": ["a.jpg", null], "conversations": [{"from": "human", "value": "<image>\n问\"题\\ \#(i) \ud83d\ude00 {[]}"}, {"from": "gpt", "value": "答\u0041"}], "x": [1, -2.5e3, true, {"y": null}]}"#
        }.joined(separator: ",\n")
        return Array((text + "\n]\n").utf8)
    }()

    @Test(arguments: 0..<30)
    func mutatedFilesNeverTrap(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) + 1000)
        let garbage: [UInt8] = Array("{}[]\",:\\ \n\r\tu0ab".utf8) + [0x00, 0xFF, 0xC3, 0xE4, 0x80]
        // WINNOW_FUZZ_ROUNDS raises the rounds per seed for a longer local run.
        let rounds = Int(ProcessInfo.processInfo.environment["WINNOW_FUZZ_ROUNDS"] ?? "") ?? 20
        for round in 0..<rounds {
            var bytes = Self.base
            if seed % 3 == 1 { bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n  ", with: "\n").utf8) }
            if seed % 3 == 2 {
                // JSON Lines: drop the brackets and the commas between samples.
                let text = String(decoding: bytes, as: UTF8.self)
                bytes = Array(text.dropFirst(2).dropLast(3).replacingOccurrences(of: "},\n  {", with: "}\n{").utf8)
            }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                switch Int.random(in: 0...3, using: &rng) {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
                case 1 where !bytes.isEmpty:
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
                case 2:
                    let i = Int.random(in: 0...bytes.count, using: &rng)
                    let junk = (0..<Int.random(in: 1...6, using: &rng)).map { _ in garbage.randomElement(using: &rng) ?? 0 }
                    bytes.insert(contentsOf: junk, at: i)
                default:
                    if bytes.count > 2 {
                        let i = Int.random(in: 0..<(bytes.count - 1), using: &rng)
                        bytes.remove(at: i)
                    }
                }
            }
            let name = round % 2 == 0 ? "f.json" : "f.jsonl"
            let path = writeTemp(bytes, name: name)
            guard let dataset = try? Dataset.open(path: path, options: DatasetOptions(useIndexCache: round % 4 == 0)) else { continue }
            var readable = 0
            for i in 0..<dataset.count {
                let range = dataset.byteRange(at: i)
                #expect(range.lowerBound >= 0 && range.upperBound <= bytes.count)
                switch dataset.sample(at: i) {
                case .success(let s):
                    readable += 1
                    #expect(s.index == i)
                case .failure(let u):
                    #expect(u.location.byteOffset >= range.lowerBound && u.location.byteOffset <= range.upperBound)
                    #expect(u.location.line >= 1)
                }
                _ = dataset.sampleHash(at: i)
                if let id = dataset.id(at: i) { #expect(dataset.index(ofID: id) != nil) }
            }
            #expect(readable <= dataset.count)
            _ = dataset.sample(at: -1)
            _ = dataset.sample(at: dataset.count)
            _ = dataset.index(ofID: "#0")
        }
    }
}
