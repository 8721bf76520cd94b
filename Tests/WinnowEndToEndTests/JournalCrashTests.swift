import Foundation
import Testing
import WinnowCore

@Suite
struct JournalCrashTests {
    let dir = E2ETempDir()

    /// Feeds many decisions to `decide --from -`, SIGKILLs it after some were reported saved,
    /// and checks every reported entry is in the journal; then a torn tail is set aside.
    @Test func killDashNineLosesNoReportedEntry() throws {
        let data = try dir.dataset(count: 400)
        let journal = data + ".winnow.jsonl"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: WinnowCLI.binary)
        p.arguments = ["decide", data, "--from", "-", "--reviewer", "crash"]
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        var input = ""
        for i in 0..<400 {
            input += i % 3 == 0 ? #"{"index": \#(i), "decision": "reject", "reason": ["crash-test"]}"# : #"{"id": "s\#(i)", "decision": "accept"}"#
            input += "\n"
        }
        inPipe.fileHandleForWriting.write(Data(input.utf8))  // fits in the pipe buffer; stdin stays open

        var reported = Data()
        let reader = outPipe.fileHandleForReading
        while reported.filter({ $0 == 0x0A }).count < 60 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            reported.append(chunk)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        reported.append(reader.readDataToEndOfFile())
        // Only complete lines were reported as saved.
        let text = String(decoding: reported, as: UTF8.self)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        let saved = complete.jsonLines.compactMap { jsonInt($0["seq"]) }
        #expect(saved.count >= 60)
        #expect(saved == Array(1...saved.count))

        let contents = try JournalReader.read(path: journal)
        let onDisk = Set(contents.items.map(\.entry.sequence))
        for s in saved { #expect(onDisk.contains(s), "entry \(s) reported saved but missing") }
        #expect(!contents.hasTornTail)

        // Simulate a crash in the middle of a write: half a line at the end.
        let partial = Array(#"{"seq":9999,"time":"2026-11-27T00:00:00.000Z","reviewer":"crash","ind"#.utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: partial)
        try handle.close()
        let check = try WinnowCLI.run(["journal", "check", journal])
        #expect(check.status == 1)
        #expect(check.stdout.contains("torn"))

        // The killed writer's lock does not block the next writer, which sets the tail aside.
        let next = try WinnowCLI.run(["decide", data, "0", "skip"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains(".torn-"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".winnow.jsonl.torn-") }
        #expect(aside.count == 1)
        if let name = aside.first {
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: dir.file(name)))) == partial)
        }
        let after = try JournalReader.read(path: journal)
        #expect(after.issues.isEmpty)
        let afterSeqs = Set(after.items.map(\.entry.sequence))
        for s in saved { #expect(afterSeqs.contains(s)) }
        #expect(try WinnowCLI.run(["journal", "check", journal]).status == 0)
    }

    @Test func secondWriterProcessIsRefusedWithPidAndHost() throws {
        let data = try dir.dataset(count: 5)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: WinnowCLI.binary)
        holder.arguments = ["decide", data, "--from", "-"]
        let inPipe = Pipe(), outPipe = Pipe()
        holder.standardInput = inPipe
        holder.standardOutput = outPipe
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        // Once it has saved one entry it certainly holds the lock.
        inPipe.fileHandleForWriting.write(Data(#"{"index": 0, "decision": "accept"}"#.utf8 + [0x0A]))
        var first = Data()
        while !first.contains(0x0A) {
            let chunk = outPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        #expect(String(decoding: first, as: UTF8.self).contains(#""saved":true"#))

        let refused = try WinnowCLI.run(["decide", data, "1", "reject", "--reason", "x"])
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("open for writing by process \(holder.processIdentifier) on "))
        // Read-only use still works while the writer runs.
        let log = try WinnowCLI.run(["journal", "log", data + ".winnow.jsonl"])
        #expect(log.status == 0)
        #expect(log.stdout.contains("sample 0 (id s0)  accept"))

        try inPipe.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        let now = try WinnowCLI.run(["decide", data, "1", "reject", "--reason", "x"])
        #expect(now.status == 0)
        #expect(now.stdout.contains(#""seq":2,"index":1,"id":"s1","decision":"reject","saved":true"#))
    }
}
