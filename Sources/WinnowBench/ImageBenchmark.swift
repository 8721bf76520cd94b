import WinnowCore
import Foundation
import WinnowImage
import WinnowUI

/// `winnow-bench image FILE [--width W] [--height H] [--runs N]`: times the preview path
/// (header, decode with DCT scaling, chafa symbols into a grid) and the symbol full view.
enum ImageBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        var width = 60, height = 30, runs = 30
        var colorMode = SymbolColorMode.truecolor
        var files: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            let next = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
            switch argument {
            case "--width": width = next ?? width; i += 1
            case "--height": height = next ?? height; i += 1
            case "--runs": runs = max(1, next ?? runs); i += 1
            case "--256": colorMode = .indexed256
            case "--sweep":
                guard i + 1 < arguments.count else { return 2 }
                return sweep(arguments[i + 1], width: width, height: height)
            default: files.append(argument)
            }
            i += 1
        }
        guard !files.isEmpty else {
            print("usage: winnow-bench image FILE... [--width 60] [--height 30] [--runs 30]")
            print("       winnow-bench image [--width W --height H] --sweep FOLDER")
            return 2
        }
        for file in files {
            guard measure(file, width: width, height: height, runs: runs, colorMode: colorMode) else { return 1 }
        }
        return 0
    }

    private static func measure(_ path: String, width: Int, height: Int, runs: Int, colorMode: SymbolColorMode) -> Bool {
        let reader = ImageHeaderReader()
        let decoder = ImageDecoder()
        let renderer = SymbolRenderer(colorMode: colorMode)
        guard let info = reader.info(path: path) else {
            print("\(path): cannot open")
            return false
        }
        print("\(path): \(info.format ?? "?") \(info.pixelWidth ?? 0)x\(info.pixelHeight ?? 0), \(info.byteSize) bytes\(info.problem.map { ", problem: \($0)" } ?? "")")
        var header: [Double] = [], decode: [Double] = [], draw: [Double] = [], total: [Double] = [], full: [Double] = []
        var decodedSize = ""
        for _ in 0..<runs {
            let t0 = now()
            _ = reader.info(path: path)
            let t1 = now()
            let cells = renderer.fittedSize(imageWidth: info.pixelWidth ?? 1, imageHeight: info.pixelHeight ?? 1, width: width, height: height)
            let target = SymbolRenderer.targetPixels(width: cells.width, height: cells.height)
            guard case .success(let image) = decoder.decode(path: path, targetWidth: target.width, targetHeight: target.height) else {
                print("  cannot decode: \(decoder.decode(path: path))")
                return false
            }
            let t2 = now()
            let grid = renderer.render(image, width: width, height: height)
            let t3 = now()
            precondition(grid.width == width)
            decodedSize = "\(image.width)x\(image.height)"
            header.append(t1 - t0); decode.append(t2 - t1); draw.append(t3 - t2); total.append(t3 - t0)
        }
        for _ in 0..<runs { full.append(fullView(path)) }
        // The same path zoomed 4x on the middle: the region is cropped before chafa draws it,
        // and the decode is finer by the zoom (capped at the source size).
        var zoomed: [Double] = []
        let viewport = ImageViewport(zoom: 4)
        let (iw, ih) = (info.pixelWidth ?? 1, info.pixelHeight ?? 1)
        for _ in 0..<runs {
            let t0 = now()
            let region = viewport.region(imageWidth: iw, imageHeight: ih, columns: width, rows: height)
            let cells = renderer.fittedSize(imageWidth: region.width, imageHeight: region.height, width: width, height: height)
            let target = DecodedImage.target(cells: cells, region: region, sourceWidth: iw, sourceHeight: ih)
            guard case .success(let image) = decoder.decode(path: path, targetWidth: target.width, targetHeight: target.height) else { return false }
            _ = renderer.render(image, width: width, height: height, region: image.decoded(region))
            zoomed.append(now() - t0)
        }
        print("  preview \(width)x\(height) cells, \(colorMode.rawValue), decoded at \(decodedSize), \(runs) runs (ms: median / min / max)")
        print("    header      \(summary(header))")
        print("    decode      \(summary(decode))")
        print("    chafa draw  \(summary(draw))")
        print("    total       \(summary(total))")
        print("  full view 160x48 symbols: \(summary(full))")
        let median = { (v: [Double]) in v.sorted()[v.count / 2] }
        print("  zoomed 4x preview (crop, finer decode): \(summary(zoomed)); ratio to the fitted total (medians, same run): "
              + String(format: "%.2f", median(zoomed) / max(0.001, median(total))))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("  max resident memory: \(usage.ru_maxrss / 1024) MB")
        return true
    }

    /// Every file under `folder` through the whole preview path once: problems found, timings.
    private static func sweep(_ folder: String, width: Int, height: Int) -> Int32 {
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            print("\(folder): cannot list")
            return 1
        }
        let provider = ChafaImagePreviewProvider(graphics: GraphicsSupport(mode: .symbols), colorMode: .truecolor)
        var times: [Double] = []
        var problems: [String: Int] = [:]
        var slowest = ("", 0.0)
        for case let name as String in walker {
            let path = PathText.join(folder, name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let t0 = now()
            let info = provider.info(path: path)
            var result = provider.preview(path: path, width: width, height: height)
            _ = provider.waitUntilIdle()
            result = provider.preview(path: path, width: width, height: height)
            let elapsed = now() - t0
            times.append(elapsed)
            if elapsed > slowest.1 { slowest = (path, elapsed) }
            if let note = info?.note { problems["note: " + note, default: 0] += 1 }
            if case .unavailable(let message) = result { problems[message, default: 0] += 1 }
        }
        print("\(times.count) files, preview \(width)x\(height), ms per file (median / min / max): \(summary(times))")
        print("slowest: \(slowest.0) \(String(format: "%.1f", slowest.1)) ms")
        for (message, count) in problems.sorted(by: { $0.value > $1.value }) { print("  \(count)  \(message)") }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("max resident memory: \(usage.ru_maxrss / 1024) MB")
        return 0
    }

    private static func fullView(_ path: String) -> Double {
        let start = now()
        _ = FullScreenRenderer(support: GraphicsSupport(mode: .symbols), colorMode: .truecolor).render(path: path, width: 160, height: 48)
        return now() - start
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

    private static func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        return String(format: "%7.2f / %7.2f / %7.2f", median, sorted.first ?? 0, sorted.last ?? 0)
    }
}
