/// Parses one JSON text (a journal line, a `decide --from` line) into a `JSONValue`, keeping
/// key order and number lexemes.
public enum JSONLineDecoding {
    /// Why a text is not valid JSON, with the 0-based byte offset.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "byte \(offset): \(message)" }
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw Failure(offset: error.byteOffset, message: "\(error.reason) at byte \(error.byteOffset)")
        }
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue { try parse(Array(text.utf8)) }
}
