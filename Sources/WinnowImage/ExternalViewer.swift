import WinnowUI

/// The command that opens an image in a program outside the terminal.
public enum ExternalViewer {
    /// `$WINNOW_IMAGE_VIEWER` split into words (quotes respected, no shell), else `xdg-open`,
    /// with the path as its own last argument.
    public static func program(path: String, environment: [String: String]) -> ExternalProgram {
        var arguments = words(environment["WINNOW_IMAGE_VIEWER"] ?? "")
        if arguments.isEmpty { arguments = ["xdg-open"] }
        // A relative name starting with "-" would be read as an option.
        arguments.append(path.hasPrefix("-") ? "./" + path : path)
        return ExternalProgram(arguments: arguments, takesTerminal: false, purpose: "image-viewer")
    }

    /// Splits a command line into words the way a shell would for plain words and quotes, but
    /// never expands anything: `$`, backticks, `;` and globs stay literal.
    public static func words(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = ch; inWord = true
            case " ", "\t", "\n":
                if inWord { result.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if inWord { result.append(current) }
        return result
    }
}
