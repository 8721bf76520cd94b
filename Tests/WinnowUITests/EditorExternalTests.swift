import Testing
import Foundation
@testable import WinnowUI
import WinnowTerminal

@Suite struct EditorExternalTests {
    @Test func commandLineSplittingNeverUsesAShell() throws {
        #expect(try ExternalEdit.splitCommandLine("vim") == ["vim"])
        #expect(try ExternalEdit.splitCommandLine("  code --wait  ") == ["code", "--wait"])
        #expect(try ExternalEdit.splitCommandLine("'/opt/My Editor/ed' -n") == ["/opt/My Editor/ed", "-n"])
        #expect(try ExternalEdit.splitCommandLine(#""a \"b\" \n" c\ d"#) == [#"a "b" \n"#, "c d"])
        #expect(try ExternalEdit.splitCommandLine("vi; rm -rf $HOME") == ["vi;", "rm", "-rf", "$HOME"])
        #expect(throws: CommandLineError.self) { try ExternalEdit.splitCommandLine("vi 'oops") }
        #expect(throws: CommandLineError.self) { try ExternalEdit.splitCommandLine("   ") }
    }

    @Test func editorComesFromVisualThenEditorThenVi() throws {
        #expect(try ExternalEdit.editorWords(environment: ["VISUAL": "nano -w", "EDITOR": "ed"]) == ["nano", "-w"])
        #expect(try ExternalEdit.editorWords(environment: ["VISUAL": " ", "EDITOR": "ed"]) == ["ed"])
        #expect(try ExternalEdit.editorWords(environment: [:]) == ["vi"])
        #expect(throws: ExternalEditError.self) { try ExternalEdit.editorWords(environment: ["EDITOR": "\"x"]) }
    }

    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "winnow-ext-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func roundTripWritesAPrivateFileAndReadsTheChange() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = "东京塔\r\n\t\"引号\" \\ 👨‍👩‍👧 é"
        let (edit, program) = try ExternalEdit.begin(text: original, sampleIndex: 4, turnIndex: 1,
                                                     environment: ["EDITOR": "my-ed --flag", "TMPDIR": dir],
                                                     files: PosixScratchFiles())
        #expect(program.arguments == ["my-ed", "--flag", edit.path])
        #expect(program.takesTerminal)
        #expect(program.purpose == ExternalEdit.purpose)
        #expect(edit.path.hasPrefix(dir + "/winnow-edit-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: edit.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: edit.path, encoding: .utf8) == original)
        // The "editor" changes one character and ends the file with a newline.
        try (original.replacingOccurrences(of: "东京", with: "京都") + "\n")
            .write(toFile: edit.path, atomically: false, encoding: .utf8)
        let result = try edit.finish(exitStatus: 0, files: PosixScratchFiles())
        #expect(result == "京都塔\r\n\t\"引号\" \\ 👨‍👩‍👧 é")
        #expect(!FileManager.default.fileExists(atPath: edit.path))
    }

    @Test func unchangedFailedOrInvalidGivesNoEdit() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["EDITOR": "true", "TMPDIR": dir]
        let (same, _) = try ExternalEdit.begin(text: "文字", sampleIndex: 0, turnIndex: 0, environment: env, files: PosixScratchFiles())
        try "文字\n".write(toFile: same.path, atomically: false, encoding: .utf8)
        #expect(try same.finish(exitStatus: 0, files: PosixScratchFiles()) == nil)

        let (failed, _) = try ExternalEdit.begin(text: "文字", sampleIndex: 0, turnIndex: 0, environment: env, files: PosixScratchFiles())
        #expect(throws: ExternalEditError.editorFailed(command: "true", status: 1)) { try failed.finish(exitStatus: 1, files: PosixScratchFiles()) }
        #expect(!FileManager.default.fileExists(atPath: failed.path))

        let (bad, _) = try ExternalEdit.begin(text: "文字", sampleIndex: 0, turnIndex: 0, environment: env, files: PosixScratchFiles())
        try Data([0x61, 0xFF, 0x62]).write(to: URL(fileURLWithPath: bad.path))
        #expect(throws: ExternalEditError.notUTF8(path: bad.path, byteOffset: 1)) { try bad.finish(exitStatus: 0, files: PosixScratchFiles()) }
    }

    @Test func trailingNewlineKeptWhenTheOriginalHadOne() {
        #expect(ExternalEdit.droppingAddedNewline("a\n", original: "a\n") == "a\n")
        #expect(ExternalEdit.droppingAddedNewline("a\n", original: "a") == "a")
        #expect(ExternalEdit.droppingAddedNewline("a\n\n", original: "a") == "a\n")
        #expect(ExternalEdit.droppingAddedNewline("a", original: "a") == "a")
    }
}
