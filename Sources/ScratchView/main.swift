import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif
typealias WcwidthFn = @convention(c) (Int32) -> Int32
let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth")!
let wcwidth = unsafeBitCast(sym, to: WcwidthFn.self)
print(setlocale(LC_ALL, "C.UTF-8").map { String(cString: $0) } ?? "nil")
var mism: [(UInt32, Int, Int32)] = []
var total = 0
for v in UInt32(0x20)...UInt32(0x3FFFF) {
    guard let s = Unicode.Scalar(v) else { continue }
    guard let ours = DisplayWidth.spacingWidth(s) else { continue }
    if s.properties.generalCategory == .unassigned || s.properties.generalCategory == .privateUse { continue }
    total += 1
    let theirs = wcwidth(Int32(v))
    if Int(theirs) != ours { mism.append((v, ours, theirs)) }
}
print("compared", total, "mismatches", mism.count)
var ranges: [(UInt32, UInt32, Int, Int32)] = []
for m in mism {
    if let last = ranges.last, last.1 + 1 == m.0, last.2 == m.1, last.3 == m.2 { ranges[ranges.count - 1].1 = m.0 } else { ranges.append((m.0, m.0, m.1, m.2)) }
}
for r in ranges.prefix(40) { print(String(format: "%04X-%04X ours %d wcwidth %d %@", r.0, r.1, r.2, r.3, String(Character(Unicode.Scalar(r.0)!)))) }
print("ranges", ranges.count)
