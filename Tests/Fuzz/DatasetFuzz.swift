// libFuzzer target for the dataset engine: the bytes are indexed as a JSON array, as JSON
// Lines and with the container sniffed, then every sample is decoded, looked up by id and linted.
// The whole input also goes through JSONParser, and whatever it accepts must survive a
// write/parse round trip through JSONWriter unchanged.
// Built by scripts/fuzz (not a SwiftPM target): `swift build` and `swift test` never see it.
import Foundation
import WinnowCore

#if canImport(Glibc)
import Glibc
#endif

/// One scratch file per fuzzing process: Dataset.open maps a file, as the app does.
nonisolated(unsafe) private var scratchPath: String = {
    let path = NSTemporaryDirectory() + "/winnow-fuzz-dataset-\(getpid()).json"
    atexit { unlink(scratchPath) }
    return path
}()

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    // A broken invariant is a finding: trap so libFuzzer saves the input.
    if !condition { fatalError("invariant: \(message())") }
}

private func exercise(_ dataset: Dataset, size: Int) {
    var previousEnd = 0
    for i in 0..<dataset.count {
        let range = dataset.byteRange(at: i)
        check(range.lowerBound >= previousEnd && range.upperBound <= size, "sample \(i) range \(range) in \(size) bytes")
        previousEnd = range.upperBound
        switch dataset.sample(at: i) {
        case .success(let sample):
            check(sample.index == i, "sample index")
        case .failure(let unreadable):
            check(unreadable.location.byteOffset >= range.lowerBound && unreadable.location.byteOffset <= range.upperBound,
                  "unreadable sample \(i) at byte \(unreadable.location.byteOffset) outside \(range)")
            _ = unreadable.reason
        }
        _ = dataset.sampleHash(at: i)
        _ = dataset.location(ofByte: range.lowerBound)
        if let id = dataset.id(at: i) {
            check(dataset.index(ofID: id) != nil, "id of sample \(i) not found")
        }
    }
    _ = dataset.sample(at: dataset.count)
    _ = dataset.index(ofID: "#0")
    for problem in dataset.problems { _ = problem.description }
}

private func roundTrip(_ bytes: UnsafeRawBufferPointer) {
    guard let value = try? JSONParser.parse(bytes) else { return }
    for style in [JSONStyle(), JSONStyle(indent: "  ", ensureASCII: true, escapesSlash: true)] {
        let written = JSONWriter(style: style).bytes(value)
        guard let again = try? JSONParser.parse(written) else {
            fatalError("JSONWriter output does not parse: \(String(decoding: written.prefix(200), as: UTF8.self).debugDescription)")
        }
        check(again == value, "round trip changed the value")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataset(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    roundTrip(bytes)
    guard let file = fopen(scratchPath, "wb") else { fatalError("cannot write \(scratchPath)") }
    if size > 0, let data { check(fwrite(data, 1, size, file) == size, "short write to the scratch file") }
    fclose(file)
    for container in [DatasetContainer.jsonArray, .jsonLines, nil] as [DatasetContainer?] {
        let options = DatasetOptions(container: container, useIndexCache: false)
        guard let dataset = try? Dataset.open(path: scratchPath, options: options) else { continue }
        exercise(dataset, size: size)
        // The linter reads every turn's text (CJK checks, duplicates): once, on the sniffed read.
        if container == nil {
            for found in DatasetLinter.findings(in: dataset) { _ = found.finding.message }
        }
    }
    return 0
}
