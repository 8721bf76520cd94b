import Foundation
import Testing
@testable import WinnowCore

/// Runs JSONParser over every file of the public JSONTestSuite
/// (`../shared/third_party/JSONTestSuite/test_parsing/` beside the checkout, MIT licence
/// inside): every `y_` file must parse, every `n_` file must be refused, and every `i_` file
/// (where RFC 8259 lets parsers choose) must do what docs/dataset.md says it does.
@Suite struct JSONTestSuiteTests {
    /// The suite's folder, found from this file's path (the workspace keeps `shared/` beside
    /// the checkout, in CI too).
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/third_party/JSONTestSuite/test_parsing")

    /// What Winnow's parser does with each implementation-defined case (documented in
    /// docs/dataset.md, "JSON edge cases"): true = accepted.
    static let implementationDefined: [String: Bool] = [
        // Numbers are kept as their lexemes, never converted, so range does not matter.
        "i_number_double_huge_neg_exp.json": true,
        "i_number_huge_exp.json": true,
        "i_number_neg_int_huge_exp.json": true,
        "i_number_pos_double_huge_exp.json": true,
        "i_number_real_neg_overflow.json": true,
        "i_number_real_pos_overflow.json": true,
        "i_number_real_underflow.json": true,
        "i_number_too_big_neg_int.json": true,
        "i_number_too_big_pos_int.json": true,
        "i_number_very_big_negative_int.json": true,
        // Escaped lone or mismatched surrogates become U+FFFD, with a warning.
        "i_object_key_lone_2nd_surrogate.json": true,
        "i_string_1st_surrogate_but_2nd_missing.json": true,
        "i_string_1st_valid_surrogate_2nd_invalid.json": true,
        "i_string_incomplete_surrogate_and_escape_valid.json": true,
        "i_string_incomplete_surrogate_pair.json": true,
        "i_string_incomplete_surrogates_escape_valid.json": true,
        "i_string_invalid_lonely_surrogate.json": true,
        "i_string_invalid_surrogate.json": true,
        "i_string_inverted_surrogates_U+1D11E.json": true,
        "i_string_lone_second_surrogate.json": true,
        // Raw bytes must be UTF-8 (RFC 3629): anything else is refused with its byte offset.
        "i_string_UTF-16LE_with_BOM.json": false,
        "i_string_UTF-8_invalid_sequence.json": false,
        "i_string_UTF8_surrogate_U+D800.json": false,
        "i_string_invalid_utf-8.json": false,
        "i_string_iso_latin_1.json": false,
        "i_string_lone_utf8_continuation_byte.json": false,
        "i_string_not_in_unicode_range.json": false,
        "i_string_overlong_sequence_2_bytes.json": false,
        "i_string_overlong_sequence_6_bytes.json": false,
        "i_string_overlong_sequence_6_bytes_null.json": false,
        "i_string_truncated-utf-8.json": false,
        "i_string_utf16BE_no_BOM.json": false,
        "i_string_utf16LE_no_BOM.json": false,
        // Nesting up to JSONParser.maxDepth (512) levels is accepted.
        "i_structure_500_nested_arrays.json": true,
        // The parser refuses a BOM; the dataset indexer skips one at the start of a file
        // and reports it as a warning.
        "i_structure_UTF-8_BOM_empty_object.json": false,
    ]

    /// The suite's file names, or a failure saying where the folder was looked for.
    static func files() throws -> [String] {
        let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        guard let names, !names.isEmpty else {
            throw SuiteMissing(path: folder.path)
        }
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    struct SuiteMissing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "JSONTestSuite not found at \(path): the workspace must have shared/third_party/JSONTestSuite beside the checkout"
        }
    }

    static func accepts(_ name: String) throws -> Bool {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        return (try? JSONParser.parse(bytes)) != nil
    }

    @Test func suiteIsPresent() throws {
        let names = try Self.files()
        // 95 y_, 188 n_ and 35 i_ files in the copy this test was written against.
        #expect(names.filter { $0.hasPrefix("y_") }.count >= 95)
        #expect(names.filter { $0.hasPrefix("n_") }.count >= 188)
    }

    @Test func acceptsEveryYFile() throws {
        let refused = try Self.files().filter { $0.hasPrefix("y_") }.filter { try !Self.accepts($0) }
        #expect(refused == [], "valid JSON refused")
    }

    @Test func refusesEveryNFile() throws {
        let accepted = try Self.files().filter { $0.hasPrefix("n_") }.filter { try Self.accepts($0) }
        #expect(accepted == [], "invalid JSON accepted")
    }

    @Test func implementationDefinedFilesDoWhatTheDocsSay() throws {
        let names = try Self.files().filter { $0.hasPrefix("i_") }
        #expect(Set(names) == Set(Self.implementationDefined.keys), "i_ files not listed (or listed but gone)")
        for name in names {
            let expected = Self.implementationDefined[name]
            #expect(try Self.accepts(name) == expected, "\(name)")
        }
    }

    /// Every `n_` file is refused with an offset inside the file, never past its end.
    @Test func refusalsPointInsideTheFile() throws {
        for name in try Self.files() where name.hasPrefix("n_") || name.hasPrefix("i_") {
            let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
            do {
                _ = try JSONParser.parse(bytes)
            } catch {
                #expect(error.byteOffset >= 0 && error.byteOffset <= bytes.count, "\(name): offset \(error.byteOffset) of \(bytes.count)")
            }
        }
    }
}
